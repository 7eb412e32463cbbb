"""Static files storage for production: WhiteNoise's compressed, content-hashed files."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Leaves ``sourceMappingURL`` comments alone. The vendored bundles (Leaflet, Tabler) name source maps that are
    not shipped (they serve only a browser's developer tools, and the bundles must stay byte-identical to their npm
    packages, scripts/verify_assets.sh), so rewriting those references to hashed names would fail collectstatic."""

    patterns = tuple(
        (extension, tuple(p for p in rules if "sourceMappingURL" not in (p[0] if isinstance(p, tuple) else p)))
        for extension, rules in CompressedManifestStaticFilesStorage.patterns
    )
