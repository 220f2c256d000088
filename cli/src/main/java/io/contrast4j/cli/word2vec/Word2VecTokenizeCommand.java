package io.contrast4j.cli.word2vec;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import io.contrast4j.word2vec.WordTokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code contrast4j word2vec tokenize}: raw text to the training format, with the same tokenizer
 * the word-vector sentence embedders apply, so training and use agree.
 */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
            "Writes raw text (one sentence or document a line; .gz ok) as lower-cased, space-separated",
            "words, one input line per output line (empty lines dropped): the format 'word2vec train'",
            "and the other word2vec tools read. Streams; prints {\"lines\":N,\"words\":M} on stdout."
        })
public final class Word2VecTokenizeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, description = "Raw text file.")
    Path in;

    @Option(names = "--out", required = true, description = "Tokenized text file to write.")
    Path out;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(in)) throw new UserInputException("--in: file not found: " + in);
        long lines = 0;
        long words = 0;
        // like the C tool, invalid UTF-8 is replaced rather than refused; lines are capped all the same
        try (BoundedLineReader reader = BoundedLineReader.open(in).replacingMalformedInput();
                BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(1024);
            String text;
            while ((text = reader.readLine()) != null) {
                line.setLength(0);
                WordTokenizer.appendTokenized(text, line);
                if (line.length() == 0) continue;
                for (int i = 0; i < line.length(); i++) if (line.charAt(i) == ' ') words++;
                words++;
                lines++;
                writer.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tokenize " + in + " into " + out, e);
        }
        spec.commandLine().getOut().println("{\"lines\": " + lines + ", \"words\": " + words + "}");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
