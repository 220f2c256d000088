package io.contrast4j.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.data.corpora.RegistryClient;
import io.contrast4j.data.corpora.SourceUnavailableException;
import io.contrast4j.data.parallel.HeldOutSplit;
import io.contrast4j.data.parallel.ParallelCorpus;
import io.contrast4j.data.parallel.ParallelSource;
import io.contrast4j.data.parallel.TranslationPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code contrast4j data parallel --lang fr|de|es --out FILE.tsv}: builds an English-X parallel
 * corpus from registry packages; writes the training pairs to FILE.tsv, the fixed held-out pairs to
 * FILE.heldout.tsv and the provenance (package checksums, counts) to FILE.provenance.json.
 */
@Command(
        name = "parallel",
        mixinStandardHelpOptions = true,
        description = {
            "Build an English-X parallel corpus (source<TAB>target, English first):",
            "  fr, de: npm nlp-corpus@4.4.0 with fr-corpus@0.0.1 / de-corpus@0.0.1 (joined on the md5 of the English sentence)",
            "  es    : Bible verses, Debian sword-text-web (WEB) + sword-text-sparv (Reina-Valera 1909), aligned by verse key",
            "          (needs diatheke: apt-get install diatheke sword-text-web sword-text-sparv)",
            "Pairs are cleaned and deduplicated; 2% are held out by a fixed hash of the English side and written",
            "to FILE.heldout.tsv (training never sees them; pretrain --objective infoxlm drops them from any file)."
        })
public final class ParallelCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--lang", required = true, description = "Target language: fr, de or es.")
    String lang;

    @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "Training pairs (held-out pairs go beside it).")
    Path out;

    @Override
    public Integer call() throws Exception {
        String language = lang.toLowerCase(Locale.ROOT);
        if (!List.of("fr", "de", "es").contains(language)) {
            throw new UserInputException("--lang must be fr, de or es, got '" + lang + "'");
        }
        if (Files.isDirectory(out)) throw new UserInputException("--out is a folder: " + out + " (give a .tsv file)");
        var err = spec.commandLine().getErr();
        Provenance provenance = Provenance.start("data parallel", spec.commandLine().getParseResult().originalArgs())
                .config("lang", language).config("heldout_rule", "SHA-256(English) mod 1000 < " + HeldOutSplit.PER_MILLE);
        ParallelSource source = ParallelCorpus.source(language);
        Path work = Files.createTempDirectory("contrast4j-parallel-");
        List<TranslationPair> raw;
        List<Path> inputs = new ArrayList<>();
        try {
            err.println("data parallel: fetching " + source.describe().get("english") + " and " + source.describe().get("translation"));
            err.flush();
            raw = source.read(new RegistryClient(), work, inputs);
            for (Path p : inputs) provenance.input(p);
        } catch (SourceUnavailableException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            deleteTree(work);
        }
        ParallelCorpus.Split split = ParallelCorpus.clean(raw);
        ParallelCorpus.write(split, out);
        Path heldOut = ParallelCorpus.heldOutFile(out);
        provenance.config("source", source.describe()).note("counts", split.counts()).output(out).output(heldOut);
        String name = out.getFileName().toString();
        Path provFile = out.resolveSibling((name.endsWith(".tsv") ? name.substring(0, name.length() - 4) : name) + ".provenance.json");
        Files.writeString(provFile, Provenance.toJson(provenance.finish()) + "\n", StandardCharsets.UTF_8);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lang", language);
        summary.put("train", out.toString());
        summary.put("heldout", heldOut.toString());
        summary.put("provenance", provFile.toString());
        summary.putAll(split.counts());
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (java.io.IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
