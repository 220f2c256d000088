package io.contrast4j.cli.export;

import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.export.OnnxExporter;
import io.contrast4j.sentence.model.SentenceModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code contrast4j export onnx}: model.onnx + tokenizer.json (+ config files) for ONNX Runtime, LangChain4j, ... */
@Command(
        name = "onnx",
        mixinStandardHelpOptions = true,
        description = {
            "Writes an ONNX export of a sentence encoder (BERT, RoBERTa, XLM-R, DistilBERT, MPNet) to a folder:",
            "model.onnx (opset 17; inputs input_ids, attention_mask [, token_type_ids for BERT], int64",
            "[batch, sequence]; outputs last_hidden_state [batch, sequence, dim] and sentence_embedding",
            "[batch, dim] with the model's pooling and normalization), tokenizer.json, config.json,",
            "sentence_bert_config.json, 1_Pooling/config.json and provenance.json. Prints a JSON summary."
        })
public final class OnnxExportCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", defaultValue = "minilm",
            description = "\"minilm\" (embedded all-MiniLM-L6-v2) or a HuggingFace model folder (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--out", required = true, description = "Output folder (created; existing export files are overwritten).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out exists and is not a folder: " + out);
        }
        Provenance provenance = Provenance.start("export onnx", spec.commandLine().getParseResult().originalArgs())
                .config("model", model).config("opset", OnnxExporter.OPSET);
        long start = System.nanoTime();
        OnnxExporter.Export e;
        try (SentenceModel m = Models.load(model)) {
            provenance.config("model_name", m.name()).config("architecture", m.config().architecture().modelType());
            e = OnnxExporter.export(m, out, Provenance.contrast4jVersion());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        provenance.output(e.model()).note("export_seconds", seconds);
        Path provenanceFile = provenance.writeTo(out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toString());
        summary.put("model_onnx", e.model().toString());
        summary.put("bytes", e.modelBytes());
        summary.put("inputs", e.inputs());
        summary.put("outputs", e.outputs());
        summary.put("pooling", e.pooling().name().toLowerCase(Locale.ROOT));
        summary.put("normalize", e.normalize());
        summary.put("max_seq_length", e.maxSeqLength());
        summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
        summary.put("provenance", provenanceFile.toString());
        PrintWriter o = spec.commandLine().getOut();
        o.println(Provenance.toJson(summary).replaceAll("\\s*\\n\\s*", " "));
        o.flush();
        spec.commandLine().getErr().printf(Locale.ROOT, "export onnx: %s (%,d bytes) in %.1f s%n", e.model(), e.modelBytes(),
                seconds);
        return 0;
    }
}
