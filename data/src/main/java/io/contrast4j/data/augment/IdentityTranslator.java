package io.contrast4j.data.augment;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Returns every sentence as its own "translation": the control for CERT's back-translation (the key
 * view is the sentence itself, so momentum contrast learns only from dropout and the key encoder's
 * lag, as MoCo without augmentation would), which shows what back-translation adds.
 */
public final class IdentityTranslator implements Translator {

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public List<Translation> translate(List<String> sources, IntConsumer progress) {
        List<Translation> out = sources.stream().map(s -> Translation.ok(s, s)).toList();
        progress.accept(out.size());
        return out;
    }
}
