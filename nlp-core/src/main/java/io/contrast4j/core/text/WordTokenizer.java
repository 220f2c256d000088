package io.contrast4j.core.text;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Linguistic word tokenization with OpenNLP's pretrained English model (UD English-EWT, from
 * {@code org.apache.opennlp:opennlp-models-tokenizer-en}): splits punctuation and clitics
 * ({@code "don't"} -> {@code do}, {@code n't}), keeps case. For word2vec training text, use the
 * word2vec module's own lower-casing tokenizer instead, which matches the evaluation word lists.
 *
 * <p>Thread-safe: the model is shared; each thread gets its own {@link TokenizerME}.
 */
public final class WordTokenizer {
    private static volatile WordTokenizer english;

    private final TokenizerModel model;
    private final ThreadLocal<TokenizerME> tokenizer;

    public WordTokenizer(TokenizerModel model) {
        this.model = model;
        this.tokenizer = ThreadLocal.withInitial(() -> new TokenizerME(this.model));
    }

    /** The shared English tokenizer (the model loads once, on first use). */
    public static WordTokenizer english() {
        WordTokenizer t = english;
        if (t == null) {
            synchronized (WordTokenizer.class) {
                t = english;
                if (t == null) {
                    byte[] bytes = OpenNlpModels.load("-tokens-", "en", "org.apache.opennlp:opennlp-models-tokenizer-en");
                    try {
                        t = new WordTokenizer(new TokenizerModel(new ByteArrayInputStream(bytes)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the OpenNLP English tokenizer model", e);
                    }
                    english = t;
                }
            }
        }
        return t;
    }

    public List<String> tokenize(String text) {
        return List.of(tokenizer.get().tokenize(text));
    }

    /** Tokens with their character offsets into {@code text}. */
    public List<TextSpan> spans(String text) {
        Span[] spans = tokenizer.get().tokenizePos(text);
        List<TextSpan> out = new ArrayList<>(spans.length);
        for (Span s : spans) {
            out.add(new TextSpan(s.getStart(), s.getEnd(), text.substring(s.getStart(), s.getEnd())));
        }
        return out;
    }
}
