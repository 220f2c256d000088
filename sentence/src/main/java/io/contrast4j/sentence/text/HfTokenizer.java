package io.contrast4j.sentence.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contrast4j.core.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A HuggingFace {@code tokenizer.json} (WordPiece, BPE, Unigram: whatever the Rust tokenizers
 * library reads) loaded through DJL, with the file's own padding and truncation replaced by ours:
 * texts are truncated to {@link #maxLength()} tokens (special tokens included) and never padded
 * on their own; {@link #pad} pads a batch to its longest member, which is what length-bucketed
 * encoding needs.
 *
 * <p>Thread-safety: after construction the tokenizer is immutable and {@link #encode(String)},
 * {@link #encodeAll} and {@link #encodeBatch} may be called from several threads at once (the
 * Rust tokenizer encodes through a shared reference). {@link #close()} must not race with them.
 */
public final class HfTokenizer implements AutoCloseable {

    /** One text, tokenized and truncated, not padded. */
    public record Encoded(long[] ids, long[] typeIds, boolean truncated) {
        public int length() {
            return ids.length;
        }
    }

    /**
     * A batch padded to its longest member, row-major {@code [batchSize, seqLength]} arrays ready to
     * become tensors. Padding positions have id {@code padId}, type id 0 and mask 0.
     */
    public record PaddedBatch(int batchSize, int seqLength, long[] ids, long[] attentionMask, long[] typeIds) {
        public long[] idsOf(int row) {
            return Arrays.copyOfRange(ids, row * seqLength, (row + 1) * seqLength);
        }

        public long[] maskOf(int row) {
            return Arrays.copyOfRange(attentionMask, row * seqLength, (row + 1) * seqLength);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Texts handed to the native tokenizer in one call: large enough to use its thread pool. */
    private static final int NATIVE_CHUNK = 1024;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final long padId;
    private final String source;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int maxLength, long padId, String source) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.padId = padId;
        this.source = source;
    }

    /** Loads {@code tokenizer.json} (or a folder holding one). */
    public static HfTokenizer load(Path file, int maxLength) {
        Path json = Files.isDirectory(file) ? file.resolve("tokenizer.json") : file;
        try {
            return load(Files.readAllBytes(json), maxLength, json.toString());
        } catch (NoSuchFileException e) {
            throw new UserInputException("tokenizer file not found: " + json);
        } catch (IOException e) {
            throw new UserInputException("cannot read tokenizer file " + json + ": " + e.getMessage(), e);
        }
    }

    /** Loads a tokenizer.json from a stream (e.g. a classpath resource); {@code source} names it in errors. */
    public static HfTokenizer load(InputStream in, int maxLength, String source) {
        try {
            return load(in.readAllBytes(), maxLength, source);
        } catch (IOException e) {
            throw new UserInputException("cannot read tokenizer " + source + ": " + e.getMessage(), e);
        }
    }

    /** Loads a classpath resource such as {@code all-minilm-l6-v2-tokenizer.json}. */
    public static HfTokenizer loadResource(String resource, int maxLength) {
        try (InputStream in = HfTokenizer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UserInputException("tokenizer resource not on the classpath: " + resource);
            }
            return load(in, maxLength, "classpath:" + resource);
        } catch (IOException e) {
            throw new UserInputException("cannot read tokenizer resource " + resource, e);
        }
    }

    private static HfTokenizer load(byte[] json, int maxLength, String source) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2 (room for special tokens): " + maxLength);
        }
        long padId;
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.has("model")) {
                throw new UserInputException("not a HuggingFace tokenizer.json (no \"model\"): " + source);
            }
            padId = root.path("padding").path("pad_id").asLong(0);
        } catch (IOException e) {
            throw new UserInputException("corrupt tokenizer.json " + source + ": " + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
        }
        // Replace the file's padding/truncation: pad per batch ourselves, truncate at maxLength.
        Map<String, String> options = Map.of(
                "padding", "false",
                "truncation", "true",
                "maxLength", Integer.toString(maxLength),
                "modelMaxLength", Integer.toString(maxLength),
                "addSpecialTokens", "true");
        try {
            HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), options);
            return new HfTokenizer(tok, maxLength, padId, source);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException("cannot load tokenizer " + source + ": " + String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " "), e);
        }
    }

    /** Most tokens a text becomes, special tokens included; longer texts are cut at the end. */
    public int maxLength() {
        return maxLength;
    }

    /** Token id used for padding positions (the file's {@code padding.pad_id}, else 0). */
    public long padId() {
        return padId;
    }

    /** Where this tokenizer was read from. */
    public String source() {
        return source;
    }

    /** Tokenizes one text with special tokens ([CLS] ... [SEP] for BERT), truncated, unpadded. */
    public Encoded encode(String text) {
        Objects.requireNonNull(text, "text");
        return toEncoded(tokenizer.encode(text));
    }

    /**
     * Tokenizes many texts, unpadded, in input order. The native library encodes each chunk on
     * all cores (Rust tokenizers' own thread pool).
     */
    public List<Encoded> encodeAll(List<String> texts) {
        List<Encoded> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += NATIVE_CHUNK) {
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + NATIVE_CHUNK));
            String[] array = new String[chunk.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = Objects.requireNonNull(chunk.get(i), "text " + (from + i) + " is null");
            }
            for (Encoding e : tokenizer.batchEncode(array)) {
                out.add(toEncoded(e));
            }
        }
        return out;
    }

    /**
     * Tokenizes text pairs as one sequence each, the way BERT's sentence-pair tasks take them
     * ({@code [CLS] a [SEP] b [SEP]}, type ids 0 for a and 1 for b with a BERT tokenizer); pairs
     * longer than {@link #maxLength()} are cut longest-first, the tokenizers library's default.
     */
    public List<Encoded> encodePairs(List<String> first, List<String> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("second: " + second.size() + " texts for " + first.size() + " first texts");
        }
        List<Encoded> out = new ArrayList<>(first.size());
        for (int from = 0; from < first.size(); from += NATIVE_CHUNK) {
            int to = Math.min(first.size(), from + NATIVE_CHUNK);
            ai.djl.util.PairList<String, String> chunk = new ai.djl.util.PairList<>(to - from);
            for (int i = from; i < to; i++) {
                chunk.add(Objects.requireNonNull(first.get(i), "first text " + i + " is null"),
                        Objects.requireNonNull(second.get(i), "second text " + i + " is null"));
            }
            for (Encoding e : tokenizer.batchEncode(chunk)) out.add(toEncoded(e));
        }
        return out;
    }

    /** Tokenizes texts and pads them to the longest one. */
    public PaddedBatch encodeBatch(List<String> texts) {
        return pad(encodeAll(texts));
    }

    /** Pads already tokenized texts to the longest of them. */
    public PaddedBatch pad(List<Encoded> encoded) {
        int batch = encoded.size();
        int len = 0;
        for (Encoded e : encoded) {
            len = Math.max(len, e.length());
        }
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        long[] types = new long[batch * len];
        Arrays.fill(ids, padId);
        for (int r = 0; r < batch; r++) {
            Encoded e = encoded.get(r);
            int off = r * len;
            System.arraycopy(e.ids(), 0, ids, off, e.length());
            System.arraycopy(e.typeIds(), 0, types, off, e.length());
            Arrays.fill(mask, off, off + e.length(), 1L);
        }
        return new PaddedBatch(batch, len, ids, mask, types);
    }

    private static Encoded toEncoded(Encoding e) {
        return new Encoded(e.getIds(), e.getTypeIds(), e.exceedMaxLength());
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "HfTokenizer[" + source + ", maxLength=" + maxLength + "]";
    }
}
