package io.contrast4j.bench;

import io.contrast4j.core.io.NpyWriter;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.MiniLm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Bench helper: embeds one sentence a line with all-MiniLM-L6-v2 in ONNX Runtime ({@link OrtMiniLm})
 * into a float32 .npy. Makes the search bench's 100,000 vectors quickly on a busy machine; the
 * project's DJL encoder gives the same vectors to ~5e-6 (bench/search/run.sh checks it on the queries).
 *
 * <p>Usage: {@code OrtEncode IN.txt OUT.npy [threads=2] [batch=64]}
 */
public final class OrtEncode {
    private static final int CHUNK = 8192;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: OrtEncode IN.txt OUT.npy [threads] [batch]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        List<String> lines = Files.readAllLines(in);
        HfTokenizer tokenizer = HfTokenizer.loadResource(MiniLm.TOKENIZER_RESOURCE, 256);
        long start = System.nanoTime();
        try (OrtMiniLm encoder = new OrtMiniLm(tokenizer, batch, threads);
                NpyWriter npy = NpyWriter.open(out, lines.size(), 384)) {
            // Chunks bound the tokenizer's memory and leave a usable prefix if the run is killed.
            for (int c = 0; c < lines.size(); c += CHUNK) {
                List<String> chunk = lines.subList(c, Math.min(lines.size(), c + CHUNK));
                npy.writeRows(encoder.embed(chunk));
                double sec = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "ort-encode: %d/%d sentences, %.0f s, %.1f sentences/s%n",
                        c + chunk.size(), lines.size(), sec, (c + chunk.size()) / sec);
            }
        }
        double sec = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "{\"sentences\": %d, \"seconds\": %.1f, \"sentences_per_second\": %.1f, \"threads\": %d}%n",
                lines.size(), sec, lines.size() / sec, threads);
    }
}
