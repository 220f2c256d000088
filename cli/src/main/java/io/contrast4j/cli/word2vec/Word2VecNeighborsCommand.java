package io.contrast4j.cli.word2vec;

import io.contrast4j.core.Neighbor;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.vector.DenseWordVectors;
import io.contrast4j.core.vector.WordVectorReader;
import io.contrast4j.word2vec.WordAnalogy;
import io.contrast4j.word2vec.WordTokenizer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code contrast4j word2vec neighbors}: nearest words by cosine, or analogies. */
@Command(
        name = "neighbors",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the nearest words by cosine for each WORD as one JSON object a line on stdout.",
            "With --analogy, WORDs come in threes 'a b c' (a is to b as c is to ?), answered by 3CosAdd."
        })
public final class Word2VecNeighborsCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--vectors", required = true, description = "Vectors file (C word2vec text or binary, .gz ok).")
    Path vectors;

    @Option(names = {"-k", "--k"}, defaultValue = "10", description = "Neighbours per word (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--analogy", description = "Read WORDs as analogy triples a b c.")
    boolean analogy;

    @Parameters(arity = "1..*", paramLabel = "WORD", description = "Query words (lower-cased like the training corpus).")
    List<String> words;

    @Override
    public Integer call() {
        if (k < 1) throw new UserInputException("--k must be >= 1, got " + k);
        if (!Files.isRegularFile(vectors)) throw new UserInputException("--vectors: file not found: " + vectors);
        if (analogy && words.size() % 3 != 0) {
            throw new UserInputException("--analogy needs words in threes (a b c), got " + words.size());
        }
        DenseWordVectors wv = WordVectorReader.read(vectors);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int step = analogy ? 3 : 1;
        for (int i = 0; i < words.size(); i += step) {
            Map<String, Object> line = new LinkedHashMap<>();
            List<Neighbor> found;
            if (analogy) {
                String a = WordTokenizer.normalize(words.get(i));
                String b = WordTokenizer.normalize(words.get(i + 1));
                String c = WordTokenizer.normalize(words.get(i + 2));
                line.put("analogy", List.of(a, b, c));
                found = WordAnalogy.solve(wv, a, b, c, k);
                for (String w : List.of(a, b, c)) if (!wv.contains(w)) err.println("word2vec: not in vocabulary: " + w);
            } else {
                String w = WordTokenizer.normalize(words.get(i));
                line.put("word", w);
                found = wv.mostSimilar(w, k);
                if (!wv.contains(w)) err.println("word2vec: not in vocabulary: " + w);
            }
            List<Map<String, Object>> list = new ArrayList<>();
            for (Neighbor n : found) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("word", n.key());
                m.put("cosine", n.score());
                list.add(m);
            }
            line.put("neighbors", list);
            out.println(io.contrast4j.core.provenance.Provenance.toJson(line).replaceAll("\\s*\\n\\s*", " "));
        }
        out.flush();
        err.flush();
        return 0;
    }
}
