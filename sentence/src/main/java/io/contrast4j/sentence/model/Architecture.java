package io.contrast4j.sentence.model;

import java.util.Locale;

/**
 * The BERT-family encoders this project runs, by HuggingFace {@code model_type}. All are post-LayerNorm
 * Transformer encoders with the same layer arithmetic; they differ in how positions are numbered,
 * whether token types exist, whether attention gets a relative-position bias, and in their weight
 * names ({@link WeightNames}).
 *
 * <ul>
 *   <li>BERT ({@code transformers/models/bert/modeling_bert.py}): positions {@code 0..seq-1}, token
 *       type embeddings.
 *   <li>RoBERTa / XLM-RoBERTa ({@code models/roberta/modeling_roberta.py}, XLM-R reuses it): positions
 *       from {@code create_position_ids_from_input_ids}: {@code cumsum(ids != pad) * (ids != pad) +
 *       pad}, so real tokens start at {@code pad_token_id + 1} and padding sits at {@code pad}; one
 *       token type (all zeros).
 *   <li>DistilBERT ({@code models/distilbert/modeling_distilbert.py}): positions {@code 0..seq-1}, no
 *       token types, LayerNorm eps fixed at 1e-12, other weight names.
 *   <li>MPNet ({@code models/mpnet/modeling_mpnet.py}): RoBERTa-style positions with padding index
 *       fixed at 1, no token types, and a relative-position bias shared by all layers added to the
 *       attention scores ({@link RelativePositionBuckets}).
 * </ul>
 */
public enum Architecture {
    BERT("bert", "BertModel"),
    ROBERTA("roberta", "RobertaModel"),
    XLM_ROBERTA("xlm-roberta", "XLMRobertaModel"),
    DISTILBERT("distilbert", "DistilBertModel"),
    MPNET("mpnet", "MPNetModel");

    private final String modelType;
    private final String modelClass;

    Architecture(String modelType, String modelClass) {
        this.modelType = modelType;
        this.modelClass = modelClass;
    }

    /** HuggingFace's {@code model_type} in config.json. */
    public String modelType() {
        return modelType;
    }

    /** The transformers class a plain encoder of this type loads as ({@code architectures} in config.json). */
    public String modelClass() {
        return modelClass;
    }

    /**
     * The transformers tokenizer class for {@code tokenizer_config.json}: AutoTokenizer builds its
     * fast variant from our {@code tokenizer.json} (a RoBERTa model saved as BertTokenizer would load
     * a WordPiece tokenizer over its BPE vocabulary).
     */
    public String tokenizerClass() {
        return switch (this) {
            case BERT -> "BertTokenizer";
            case ROBERTA -> "RobertaTokenizer";
            case XLM_ROBERTA -> "XLMRobertaTokenizer";
            case DISTILBERT -> "DistilBertTokenizer";
            case MPNET -> "MPNetTokenizer";
        };
    }

    /** Whether the encoder adds token type embeddings (BERT, RoBERTa/XLM-R with their single type). */
    public boolean hasTokenTypes() {
        return this == BERT || this == ROBERTA || this == XLM_ROBERTA;
    }

    /** Whether positions are numbered from the padding index (RoBERTa, XLM-R, MPNet) instead of from 0. */
    public boolean positionsFromPadding() {
        return this == ROBERTA || this == XLM_ROBERTA || this == MPNET;
    }

    /** Whether attention scores get MPNet's relative-position bias. */
    public boolean hasRelativeAttentionBias() {
        return this == MPNET;
    }

    /** The prefix a task-head checkpoint ({@code RobertaForMaskedLM}, ...) puts before the encoder's names. */
    public String checkpointPrefix() {
        return switch (this) {
            case BERT -> "bert.";
            case ROBERTA, XLM_ROBERTA -> "roberta.";
            case DISTILBERT -> "distilbert.";
            case MPNET -> "mpnet.";
        };
    }

    public static Architecture ofModelType(String modelType) {
        String t = modelType.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Architecture a : values()) {
            if (a.modelType.equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("model_type \"" + modelType
                + "\" is not supported (bert, roberta, xlm-roberta, distilbert, mpnet)");
    }
}
