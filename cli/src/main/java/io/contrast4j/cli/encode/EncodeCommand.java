package io.contrast4j.cli.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.io.BoundedLineReader;
import io.contrast4j.core.io.NpyWriter;
import io.contrast4j.core.Embedder;
import io.contrast4j.sentence.EncoderSpec;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.onnx.InferenceEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j encode}: one sentence embedding per input line, to .npy or .jsonl. */
@Command(
        name = "encode",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds every line of a UTF-8 text file with a sentence encoder, in input order.",
            "--out FILE.npy writes a float32 [lines, dim] NumPy array; --out FILE.jsonl writes one",
            "{\"text\": ..., \"embedding\": [...]} a line. An empty line is encoded as the empty text",
            "(so row i is always line i); lines longer than the model's max sequence length",
            "(256 tokens for minilm) are truncated. Prints a JSON summary on stdout.",
            "With --spark MASTER the input (text lines, JSONL with id/text, or Parquet with id/text) is",
            "encoded on Apache Spark, one encoder per executor JVM, and --out is a folder that gets",
            "embeddings.parquet (id, text, embedding) and provenance.json."
        })
public final class EncodeCommand implements Callable<Integer> {
    /** Lines tokenized, bucketed and encoded together: bounds memory on large inputs. */
    static final int CHUNK_LINES = 4096;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "minilm",
            description = "\"minilm\" (embedded all-MiniLM-L6-v2), a HuggingFace model folder, or a Hub id ORG/NAME[@REVISION]"
                    + " (downloaded once into the HuggingFace cache; needs network) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--prompt-name", paramLabel = "NAME",
            description = "Prepend the model's prompt of that name (config_sentence_transformers.json), e.g. query or passage"
                    + " for e5 (default: the model's default prompt, if any).")
    String promptName;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prepend this literal text to every line instead (e.g. \"query: \").")
    String prompt;

    @Option(names = "--in", required = true, description = "Input text, one sentence a line.")
    Path in;

    @Option(names = "--out", required = true, description = "Output .npy or .jsonl file.")
    Path out;

    @Option(names = "--batch-size", defaultValue = "32", description = "Sentences per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--engine", defaultValue = "djl",
            description = "Inference engine: djl (PyTorch, fp32) or onnxruntime (the model's ONNX graph) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--precision", defaultValue = "fp32",
            description = "fp32, or int8 (dynamically quantized weights; needs --engine onnxruntime) (default: ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Encode on Apache Spark: local[*], local[N], spark://host:7077, ...; 'submit' takes the master from spark-submit.")
    String spark;

    @Option(names = "--partitions", defaultValue = "0",
            description = "With --spark: at least this many input partitions; 0 = Spark's choice (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--in-format", defaultValue = "auto",
            description = "With --spark: auto, lines, jsonl or parquet (default: ${DEFAULT-VALUE}).")
    String inFormat;

    @Option(names = "--torch-threads", defaultValue = "0",
            description = "With --spark: PyTorch threads per task; 0 = spark.task.cpus (default: ${DEFAULT-VALUE}).")
    int torchThreads;

    @Override
    public Integer call() throws IOException {
        if (spark != null) {
            return callSpark();
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean npy = name.endsWith(".npy");
        if (!npy && !name.endsWith(".jsonl")) {
            throw new UserInputException("--out must end in .npy or .jsonl, got " + out);
        }
        if (batchSize < 1) {
            throw new UserInputException("--batch-size must be >= 1, got " + batchSize);
        }
        if (!Files.isRegularFile(in)) {
            throw new UserInputException("--in: file not found: " + in);
        }
        if (Files.isDirectory(out)) {
            throw new UserInputException("--out is a directory: " + out);
        }
        if (prompt != null && promptName != null) {
            throw new UserInputException("give --prompt or --prompt-name, not both");
        }
        EncoderSpec encoderSpec;
        try {
            encoderSpec = new EncoderSpec(model, InferenceEngine.parse(engine), InferenceEngine.Precision.parse(precision));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--" + e.getMessage());
        }
        if (encoderSpec.engine() != InferenceEngine.DJL && (prompt != null || promptName != null)) {
            // The DJL encoder keeps prompt tokens out of the pooling (Prompts.includeInPooling); the ONNX path cannot yet.
            throw new UserInputException("--prompt and --prompt-name need --engine djl");
        }
        int lines = countLines(in);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        try (Embedder encoder = encoderSpec.open(batchSize);
                Sink sink = npy ? new NpySink(out, lines, encoder.dimension()) : new JsonlSink(out);
                ProgressBar bar = quiet ? null : new ProgressBarBuilder().setTaskName("encode").setInitialMax(lines)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" sent", 1).showSpeed().setConsumer(
                                new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
                BoundedLineReader reader = BoundedLineReader.open(in)) {
            String promptText = "";
            if (encoder instanceof SentenceEncoder djl) {
                try {
                    promptText = prompt != null ? prompt : djl.model().prompts().text(promptName);
                } catch (IllegalArgumentException e) {
                    throw new UserInputException("--prompt-name: " + e.getMessage());
                }
            }
            long encodeStart = System.nanoTime();
            // Reading and tokenizing the next chunk overlap the encoding of this one (SentenceEncoder.embedChunks).
            AtomicInteger read = new AtomicInteger();
            Iterator<List<String>> chunks = chunksOf(reader, read);
            if (encoder instanceof SentenceEncoder djl) {
                djl.embedChunks(chunks, promptText, n -> {
                    if (bar != null) {
                        bar.stepBy(n);
                    }
                }, sink::write);
            } else {
                while (chunks.hasNext()) {
                    List<String> chunk = chunks.next();
                    sink.write(chunk, encoder.embed(chunk));
                    if (bar != null) {
                        bar.stepBy(chunk.size());
                    }
                }
            }
            double encodeSecs = (System.nanoTime() - encodeStart) / 1e9;
            double totalSecs = (System.nanoTime() - start) / 1e9;
            if (bar != null) {
                bar.close();
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("model", encoder.name());
            summary.put("in", in.toString());
            summary.put("out", out.toString());
            summary.put("sentences", read.get());
            summary.put("dimension", encoder.dimension());
            if (!promptText.isEmpty()) {
                summary.put("prompt", promptText);
            }
            if (encoder instanceof SentenceEncoder djl) {
                summary.put("truncated", djl.truncatedCount());
            }
            summary.put("engine", encoderSpec.engine().label());
            summary.put("precision", encoderSpec.precision().label());
            summary.put("batch_size", batchSize);
            summary.put("encode_seconds", encodeSecs);
            summary.put("total_seconds", totalSecs);
            summary.put("sentences_per_second", read.get() / Math.max(encodeSecs, 1e-9));
            PrintWriter o = spec.commandLine().getOut();
            o.println(new ObjectMapper().writeValueAsString(summary));
            o.flush();
            err.printf(Locale.ROOT, "encode: %,d sentences in %.1f s, %,.1f sentences/s%s on %s -> %s%n",
                    read.get(), encodeSecs, read.get() / Math.max(encodeSecs, 1e-9),
                    encoder instanceof SentenceEncoder djl ? " (" + djl.truncatedCount() + " truncated)" : "", encoderSpec, out);
            err.flush();
        }
        return 0;
    }

    private int callSpark() throws IOException {
        if (batchSize < 1) {
            throw new UserInputException("--batch-size must be >= 1, got " + batchSize);
        }
        if (partitions < 0 || torchThreads < 0) {
            throw new UserInputException("--partitions and --torch-threads must be >= 0");
        }
        String master = spark.equals("submit") ? null : spark;
        io.contrast4j.spark.SparkEncodeJob job = new io.contrast4j.spark.SparkEncodeJob(master, in.toString(), inFormat,
                out.toString(), model, batchSize, partitions, torchThreads);
        Map<String, Object> summary = io.contrast4j.cli.options.SparkJobFailures.asUserErrors(
                () -> job.run(spec.commandLine().getParseResult().originalArgs(), quiet ? null : spec.commandLine().getErr()));
        PrintWriter o = spec.commandLine().getOut();
        o.println(new ObjectMapper().writeValueAsString(summary));
        o.flush();
        return 0;
    }

    /** The input's lines in chunks of {@link #CHUNK_LINES}, counting lines read into {@code read}. */
    private Iterator<List<String>> chunksOf(BoundedLineReader reader, AtomicInteger read) {
        return new Iterator<>() {
            private List<String> ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = new ArrayList<>(CHUNK_LINES);
                    for (String line; ahead.size() < CHUNK_LINES && (line = readLine(reader)) != null; ) {
                        ahead.add(line);
                        read.incrementAndGet();
                    }
                }
                return !ahead.isEmpty();
            }

            @Override
            public List<String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<String> chunk = ahead;
                ahead = null;
                return chunk;
            }
        };
    }

    private String readLine(BoundedLineReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + in, e);
        }
    }

    private static int countLines(Path file) throws IOException {
        int n = 0;
        try (BoundedLineReader r = BoundedLineReader.open(file, StandardCharsets.ISO_8859_1,
                BoundedLineReader.defaultMaxLineBytes())) {
            while (r.readLine() != null) {
                n++;
            }
        }
        return n;
    }

    private interface Sink extends AutoCloseable {
        void write(List<String> texts, float[][] vectors);

        @Override
        void close() throws IOException;
    }

    private static final class NpySink implements Sink {
        private final NpyWriter writer;

        NpySink(Path out, int rows, int dim) {
            writer = NpyWriter.open(out, rows, dim);
        }

        @Override
        public void write(List<String> texts, float[][] vectors) {
            writer.writeRows(vectors);
        }

        @Override
        public void close() {
            writer.close();
        }
    }

    private static final class JsonlSink implements Sink {
        private final OutputStream stream;
        private final JsonGenerator json;

        JsonlSink(Path out) throws IOException {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            stream = new java.io.BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
            json = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                    .createGenerator(stream, JsonEncoding.UTF8);
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        }

        @Override
        public void write(List<String> texts, float[][] vectors) {
            try {
                for (int i = 0; i < vectors.length; i++) {
                    json.writeStartObject();
                    json.writeStringField("text", texts.get(i));
                    json.writeFieldName("embedding");
                    json.writeStartArray();
                    for (float v : vectors[i]) {
                        json.writeNumber(v);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            json.close();
            stream.write('\n');
            stream.close();
        }
    }
}
