package io.contrast4j.sentence;

import io.contrast4j.core.Embedder;
import io.contrast4j.core.concurrent.DaemonThreads;
import io.contrast4j.core.concurrent.Futures;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.model.SentenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * Embeds texts with a {@link SentenceModel} in length-bucketed batches: all texts are tokenized
 * first (in parallel, by the native tokenizer), sorted by token count so each batch pads to a
 * similar length, encoded batch by batch, and returned in input order. Results are deterministic:
 * the same list gives the same vectors.
 *
 * <p>Documented input behaviour:
 * <ul>
 *   <li>Texts longer than the model's max sequence length (256 tokens for minilm) are truncated at
 *       the end, as sentence-transformers does; {@link #truncatedCount} says how many were.
 *   <li>An empty or blank text is encoded as {@code [CLS] [SEP]} and gets a valid (non-zero)
 *       vector, exactly what sentence-transformers returns for "".
 *   <li>A null text is an {@link NullPointerException} naming its index.
 * </ul>
 *
 * <p>Thread-safety: {@link #embed} may be called from several threads at once (tokenizer and model
 * are read-only after construction; every batch has its own native memory scope). Closing while an
 * embed call runs is not allowed.
 */
public final class SentenceEncoder implements Embedder {

    public static final int DEFAULT_BATCH_SIZE = 32;

    private final SentenceModel model;
    private final int batchSize;
    private final java.util.concurrent.atomic.AtomicLong truncated = new java.util.concurrent.atomic.AtomicLong();

    public SentenceEncoder(SentenceModel model) {
        this(model, DEFAULT_BATCH_SIZE);
    }

    public SentenceEncoder(SentenceModel model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    public SentenceModel model() {
        return model;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String name() {
        return model.name();
    }

    /** Texts cut at the max sequence length since this encoder was made. */
    public long truncatedCount() {
        return truncated.get();
    }

    /**
     * Embeds {@code texts} with the model's default prompt prepended when it has one
     * ({@code default_prompt_name} in config_sentence_transformers.json), as sentence-transformers'
     * {@code encode()} does; most models have none and texts are encoded as given.
     */
    @Override
    public float[][] embed(List<String> texts) {
        return embed(texts, n -> {});
    }

    /** As {@link #embed(List)}, reporting after each batch how many texts it held. */
    public float[][] embed(List<String> texts, IntConsumer progress) {
        return embedWithPrompt(texts, model.prompts().text(null), progress);
    }

    /**
     * Embeds {@code texts} with the model's prompt called {@code promptName} prepended (e5's
     * {@code "query"} / {@code "passage"}); null means the default prompt, if any.
     *
     * @throws IllegalArgumentException when the model defines no prompt of that name
     */
    public float[][] encode(List<String> texts, String promptName) {
        return embedWithPrompt(texts, model.prompts().text(promptName), n -> {});
    }

    /**
     * Embeds {@code texts} with the literal {@code prompt} prepended to each ("" for none),
     * reporting after each batch how many texts it held. When the model's pooling excludes the
     * prompt ({@code include_prompt: false}), the prompt's tokens and [CLS] are not pooled.
     */
    public float[][] embedWithPrompt(List<String> texts, String prompt, IntConsumer progress) {
        return encodeTokenized(tokenize(texts, prompt), progress);
    }

    /**
     * Embeds a stream of chunks (the prompt, "" for none, prepended to each text) and hands each
     * chunk with its vectors to {@code sink}, in order, on the calling thread. The next chunk is
     * taken from {@code chunks} and tokenized on a background thread while the current one is
     * encoded, so neither reading the input nor tokenizing waits for inference. {@code chunks} is
     * only ever touched by that one background thread; an exception from it, from the tokenizer or
     * from {@code sink} ends the call and is rethrown as it was.
     */
    public void embedChunks(Iterator<List<String>> chunks, String prompt, IntConsumer progress,
            BiConsumer<List<String>, float[][]> sink) {
        ExecutorService tokenizing = Executors.newSingleThreadExecutor(DaemonThreads.named("encode-tokenizer"));
        try {
            Callable<Tokenized> nextChunk = () -> chunks.hasNext() ? tokenize(chunks.next(), prompt) : null;
            Future<Tokenized> next = tokenizing.submit(nextChunk);
            for (Tokenized current = Futures.join(next, "tokenizing"); current != null;
                    current = Futures.join(next, "tokenizing")) {
                next = tokenizing.submit(nextChunk);
                sink.accept(current.texts(), encodeTokenized(current, progress));
            }
        } finally {
            tokenizing.shutdownNow();
        }
    }

    /** Texts as the tokenizer returned them, and how many leading tokens pooling leaves out. */
    private record Tokenized(List<String> texts, List<HfTokenizer.Encoded> encoded, int excludedFromPooling) {}

    private Tokenized tokenize(List<String> texts, String prompt) {
        HfTokenizer tokenizer = model.tokenizer();
        int excluded = 0;
        List<String> inputs = texts;
        if (prompt != null && !prompt.isEmpty()) {
            List<String> prompted = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                prompted.add(prompt + java.util.Objects.requireNonNull(texts.get(i), "text " + i + " is null"));
            }
            inputs = prompted;
            if (!model.prompts().includeInPooling()) {
                // as sentence-transformers: prompt_length = tokens of the prompt alone, minus the final [SEP]
                excluded = tokenizer.encode(prompt).length() - 1;
            }
        }
        return new Tokenized(texts, texts.isEmpty() ? List.of() : tokenizer.encodeAll(inputs), excluded);
    }

    private float[][] encodeTokenized(Tokenized tokenized, IntConsumer progress) {
        List<HfTokenizer.Encoded> encoded = tokenized.encoded();
        float[][] out = new float[encoded.size()][];
        // Longest first: the first batch shows the peak memory need at once; ties keep input order.
        Integer[] order = new Integer[encoded.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> encoded.get(i).length()).reversed());
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            List<HfTokenizer.Encoded> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                HfTokenizer.Encoded e = encoded.get(order[i]);
                if (e.truncated()) {
                    truncated.incrementAndGet();
                }
                batch.add(e);
            }
            float[][] vectors = model.embedBatch(model.tokenizer().pad(batch), tokenized.excludedFromPooling());
            for (int i = from; i < to; i++) {
                out[order[i]] = vectors[i - from];
            }
            progress.accept(to - from);
        }
        return out;
    }

    /** Closes the model (its native memory and tokenizer). */
    @Override
    public void close() {
        model.close();
    }
}
