package io.contrast4j.sentence.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The prompts of a sentence-transformers model ({@code config_sentence_transformers.json}): named
 * texts prepended to the input before tokenization, such as e5's {@code "query: "} and {@code
 * "passage: "} (Wang et al. 2022, §4.2) or BGE's retrieval instruction. {@code defaultPromptName}
 * (may be null) is applied when the caller names none, as sentence-transformers'
 * {@code encode()} does. {@code includeInPooling} is the Pooling module's {@code include_prompt}:
 * when false, the prompt's tokens (and [CLS]) are left out of the pooled mean, as INSTRUCTOR does.
 */
public record Prompts(Map<String, String> byName, String defaultPromptName, boolean includeInPooling) {

    /** No prompts: texts are encoded as given. */
    public static final Prompts NONE = new Prompts(Map.of(), null, true);

    public Prompts {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(byName)));
        if (defaultPromptName != null && !byName.containsKey(defaultPromptName)) {
            throw new IllegalArgumentException("default_prompt_name \"" + defaultPromptName
                    + "\" is not one of the prompts " + byName.keySet());
        }
    }

    /**
     * The text to prepend for {@code promptName}: the default prompt's text (or "") when the name is
     * null, else the named prompt's text.
     *
     * @throws IllegalArgumentException for a name the model does not have, listing the names it has
     */
    public String text(String promptName) {
        if (promptName == null) {
            return defaultPromptName == null ? "" : byName.get(defaultPromptName);
        }
        String text = byName.get(promptName);
        if (text == null) {
            throw new IllegalArgumentException("prompt name \"" + promptName + "\" is not defined by the model"
                    + (byName.isEmpty() ? " (it has no prompts)" : " (it has " + String.join(", ", byName.keySet()) + ")"));
        }
        return text;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }
}
