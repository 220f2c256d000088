package io.contrast4j.data.corpora;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * npm {@code nlp-corpus}: 100 files {@code builds/doc-N.json}, each a JSON array of 1,000 English
 * sentences of mixed genres (fiction, speeches, Wikipedia, dialogue...). One document per sentence,
 * files in numeric order.
 */
final class NlpCorpusSource extends NpmSource {
    private static final Pattern BUILD = Pattern.compile("package/builds/doc-(\\d+)\\.json");

    @Override
    public String name() {
        return "nlp-corpus";
    }

    @Override
    public String packageName() {
        return "nlp-corpus";
    }

    @Override
    public String version() {
        return "4.4.0";
    }

    @Override
    public String packageSha256() {
        return "099df43749ba6bb26953f98863a5d38ff764648ce21872ceb1515a3eacb5682a";
    }

    @Override
    public String description() {
        return "100,000 mixed English sentences (fiction, speeches, Wikipedia, dialogue, reviews)";
    }

    @Override
    public void extract(Path pkg, DocumentWriter out) throws IOException {
        Map<Integer, JsonNode> builds = new TreeMap<>();
        PackageArchive.forEach(pkg, (name, in) -> {
            Matcher m = BUILD.matcher(name);
            if (m.matches()) builds.put(Integer.parseInt(m.group(1)), JSON.readTree(in.readAllBytes()));
        });
        if (builds.isEmpty()) throw new IOException(pkg.getFileName() + " has no builds/doc-N.json files");
        for (JsonNode sentences : builds.values()) {
            for (JsonNode s : sentences) {
                if (s.isTextual()) out.write(s.asText());
            }
        }
    }
}
