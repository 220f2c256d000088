package io.contrast4j.sentence.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.contrast4j.core.Embedder;
import io.contrast4j.sentence.text.HfTokenizer;
import io.contrast4j.sentence.HfModelFolder;
import io.contrast4j.sentence.MiniLm;
import io.contrast4j.sentence.SentenceEncoder;
import io.contrast4j.sentence.model.BertConfig;
import io.contrast4j.sentence.model.BertEncoder;
import io.contrast4j.sentence.model.Pooling;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The BERT {@link SentenceModel} as the trainer sees it: tokenize, encode with dropout, pool.
 * Saving writes the HuggingFace / sentence-transformers folder.
 */
public final class SentenceModelTrainable implements TrainableEncoder {

    private final SentenceModel model;
    private final SentenceEncoder inference;
    private final Map<String, Parameter> parameters;

    public SentenceModelTrainable(SentenceModel model, int evalBatchSize) {
        this.model = model;
        this.inference = new SentenceEncoder(model, evalBatchSize);
        this.parameters = model.encoder().namedParameters();
    }

    /**
     * A randomly initialized BERT (HF's init: normal(0, 0.02), LayerNorm 1/0) with MiniLM's WordPiece
     * vocabulary and tokenizer, mean pooling, no normalization: the from-scratch baseline. The
     * engine generator is seeded with {@code seed} first, so the init is reproducible.
     */
    public static SentenceModelTrainable fromScratch(BertConfig config, int maxSeqLength, long seed, Device device) {
        if (config.vocabSize() != BertConfig.minilmL6().vocabSize()) {
            throw new IllegalArgumentException("from-scratch models use MiniLM's vocabulary (30522), got "
                    + config.vocabSize());
        }
        byte[] tokenizerJson;
        try (InputStream in = MiniLm.class.getClassLoader().getResourceAsStream(MiniLm.TOKENIZER_RESOURCE)) {
            tokenizerJson = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        NDManager manager = NDManager.newBaseManager(device);
        Engine.getInstance().setRandomSeed((int) seed);
        BertEncoder encoder = new BertEncoder(config);
        encoder.initializeRandom(manager);
        HfTokenizer tokenizer = HfTokenizer.load(new java.io.ByteArrayInputStream(tokenizerJson), maxSeqLength,
                "classpath:" + MiniLm.TOKENIZER_RESOURCE);
        SentenceModel model = new SentenceModel("scratch-bert-" + config.numHiddenLayers() + "x" + config.hiddenSize(),
                manager, encoder, tokenizer, tokenizerJson, Pooling.MEAN, false);
        return new SentenceModelTrainable(model, 64);
    }

    public SentenceModel model() {
        return model;
    }

    @Override
    public NDArray forward(NDManager manager, List<String> texts, boolean training) {
        HfTokenizer.PaddedBatch batch = model.tokenizer().encodeBatch(texts);
        NDList inputs = SentenceModel.toInputs(manager, batch);
        return model.forward(new ParameterStore(manager, false), inputs, training);
    }

    @Override
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    @Override
    public Device device() {
        return model.device();
    }

    /** Inference view; do not close it (closing the trainable closes the model). */
    @Override
    public Embedder embedder() {
        return inference;
    }

    @Override
    public void save(Path dir) throws IOException {
        HfModelFolder.save(model, dir);
    }

    @Override
    public void close() {
        model.close();
    }
}
