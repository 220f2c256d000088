package io.contrast4j.word2vec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real text the tests train on: public-domain State of the Union addresses, tokenized. */
final class TestCorpora {
    private TestCorpora() {}

    static String sotuRaw() {
        try (InputStream in = TestCorpora.class.getResourceAsStream("/sotu-sample.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample tokenized the way 'word2vec tokenize' does, one address a line. */
    static Path sotuTokenized(Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : sotuRaw().split("\n")) {
            StringBuilder l = new StringBuilder();
            WordTokenizer.appendTokenized(line, l);
            if (l.length() > 0) out.append(l).append('\n');
        }
        Path file = dir.resolve("sotu.tok.txt");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    /** The first addresses of the sample, about {@code words} words, tokenized. */
    static Path sotuPrefix(Path dir, int words) throws IOException {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String line : sotuRaw().split("\n")) {
            StringBuilder l = new StringBuilder();
            WordTokenizer.appendTokenized(line, l);
            if (l.length() == 0) continue;
            out.append(l).append('\n');
            n += l.toString().split(" ").length;
            if (n >= words) break;
        }
        Path file = dir.resolve("sotu.first" + words + ".txt");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }

    static Path write(Path dir, String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }
}
