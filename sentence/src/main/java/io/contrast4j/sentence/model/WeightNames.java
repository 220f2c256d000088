package io.contrast4j.sentence.model;

/**
 * The {@code state_dict} names each architecture gives the same pieces of a post-LayerNorm encoder
 * layer, taken from the module attributes in HuggingFace transformers' {@code modeling_bert.py}
 * ({@code BertSelfAttention.query}, {@code BertSelfOutput.dense/LayerNorm}, {@code
 * BertIntermediate.dense}, {@code BertOutput.dense/LayerNorm}; RoBERTa and XLM-R copy them), {@code
 * modeling_distilbert.py} ({@code MultiHeadSelfAttention.q_lin/k_lin/v_lin/out_lin}, {@code
 * TransformerBlock.sa_layer_norm}, {@code FFN.lin1/lin2}, {@code output_layer_norm}) and {@code
 * modeling_mpnet.py} ({@code MPNetSelfAttention.q/k/v/o}, {@code MPNetAttention.LayerNorm}, {@code
 * MPNetEncoder.relative_attention_bias}). Each name here is a module path; {@code .weight} / {@code
 * .bias} are appended by the caller.
 */
public final class WeightNames {

    /** Module paths of one layer, in the order the layer uses them. */
    public record Layer(String query, String key, String value, String attentionOutput, String attentionNorm,
            String intermediate, String output, String outputNorm) {}

    private final Architecture architecture;

    public WeightNames(Architecture architecture) {
        this.architecture = architecture;
    }

    public String wordEmbeddings() {
        return "embeddings.word_embeddings";
    }

    public String positionEmbeddings() {
        return "embeddings.position_embeddings";
    }

    /** Null where the architecture has no token types. */
    public String tokenTypeEmbeddings() {
        return architecture.hasTokenTypes() ? "embeddings.token_type_embeddings" : null;
    }

    public String embeddingNorm() {
        return "embeddings.LayerNorm";
    }

    /** MPNet's {@code [num_buckets, heads]} table shared by all layers; null elsewhere. */
    public String relativeAttentionBias() {
        return architecture.hasRelativeAttentionBias() ? "encoder.relative_attention_bias" : null;
    }

    public Layer layer(int i) {
        return switch (architecture) {
            case BERT, ROBERTA, XLM_ROBERTA -> {
                String p = "encoder.layer." + i + ".";
                yield new Layer(p + "attention.self.query", p + "attention.self.key", p + "attention.self.value",
                        p + "attention.output.dense", p + "attention.output.LayerNorm", p + "intermediate.dense",
                        p + "output.dense", p + "output.LayerNorm");
            }
            case DISTILBERT -> {
                String p = "transformer.layer." + i + ".";
                yield new Layer(p + "attention.q_lin", p + "attention.k_lin", p + "attention.v_lin",
                        p + "attention.out_lin", p + "sa_layer_norm", p + "ffn.lin1", p + "ffn.lin2",
                        p + "output_layer_norm");
            }
            case MPNET -> {
                String p = "encoder.layer." + i + ".";
                yield new Layer(p + "attention.attn.q", p + "attention.attn.k", p + "attention.attn.v",
                        p + "attention.attn.o", p + "attention.LayerNorm", p + "intermediate.dense",
                        p + "output.dense", p + "output.LayerNorm");
            }
        };
    }
}
