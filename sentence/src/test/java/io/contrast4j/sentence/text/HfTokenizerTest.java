package io.contrast4j.sentence.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Rust tokenizer on a small BERT-style WordPiece tokenizer.json written here, whose
 * built-in fixed padding and truncation (to 6 tokens) {@link HfTokenizer} must override.
 */
class HfTokenizerTest {

    // ids: [PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 the=4 cat=5 sat=6 on=7 mat=8 ##s=9 .=10 dog=11
    static final String TOKENIZER_JSON = """
        {"version":"1.0",
         "truncation":{"direction":"Right","max_length":6,"strategy":"LongestFirst","stride":0},
         "padding":{"strategy":{"Fixed":6},"direction":"Right","pad_to_multiple_of":null,
                    "pad_id":0,"pad_type_id":0,"pad_token":"[PAD]"},
         "added_tokens":[
           {"id":0,"content":"[PAD]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
           {"id":1,"content":"[UNK]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
           {"id":2,"content":"[CLS]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true},
           {"id":3,"content":"[SEP]","single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}],
         "normalizer":{"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true},
         "pre_tokenizer":{"type":"BertPreTokenizer"},
         "post_processor":{"type":"TemplateProcessing",
           "single":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}}],
           "pair":[{"SpecialToken":{"id":"[CLS]","type_id":0}},{"Sequence":{"id":"A","type_id":0}},{"SpecialToken":{"id":"[SEP]","type_id":0}},
                   {"Sequence":{"id":"B","type_id":1}},{"SpecialToken":{"id":"[SEP]","type_id":1}}],
           "special_tokens":{"[CLS]":{"id":"[CLS]","ids":[2],"tokens":["[CLS]"]},"[SEP]":{"id":"[SEP]","ids":[3],"tokens":["[SEP]"]}}},
         "decoder":{"type":"WordPiece","prefix":"##","cleanup":true},
         "model":{"type":"WordPiece","unk_token":"[UNK]","continuing_subword_prefix":"##","max_input_chars_per_word":100,
           "vocab":{"[PAD]":0,"[UNK]":1,"[CLS]":2,"[SEP]":3,"the":4,"cat":5,"sat":6,"on":7,"mat":8,"##s":9,".":10,"dog":11}}}
        """;

    @TempDir Path dir;

    private HfTokenizer load(int maxLength) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, TOKENIZER_JSON);
        return HfTokenizer.load(file, maxLength);
    }

    @Test
    void encodesWithSpecialTokensAndNoFixedPadding() throws IOException {
        try (HfTokenizer tok = load(32)) {
            HfTokenizer.Encoded e = tok.encode("The cats sat.");
            assertArrayEquals(new long[] {2, 4, 5, 9, 6, 10, 3}, e.ids());
            assertArrayEquals(new long[7], e.typeIds());
            assertFalse(e.truncated());
            // the file's Fixed(6) padding is gone: a short text stays short
            assertArrayEquals(new long[] {2, 11, 3}, tok.encode("dog").ids());
            assertArrayEquals(new long[] {2, 3}, tok.encode("").ids(), "empty text is [CLS] [SEP]");
            assertArrayEquals(new long[] {2, 1, 3}, tok.encode("zebra").ids());
        }
    }

    @Test
    void truncatesAtOurMaxLengthNotTheFiles() throws IOException {
        try (HfTokenizer tok = load(8)) {
            HfTokenizer.Encoded e = tok.encode("the cat sat on the mat the dog sat on the mat");
            assertEquals(8, e.length());
            assertTrue(e.truncated());
            assertArrayEquals(new long[] {2, 4, 5, 6, 7, 4, 8, 3}, e.ids(), "cut at the end, [SEP] kept");
        }
    }

    @Test
    void padsEachBatchToItsLongestMember() throws IOException {
        try (HfTokenizer tok = load(32)) {
            HfTokenizer.PaddedBatch b = tok.encodeBatch(List.of("dog", "the cat sat on the mat", ""));
            assertEquals(3, b.batchSize());
            assertEquals(8, b.seqLength());
            assertArrayEquals(new long[] {2, 11, 3, 0, 0, 0, 0, 0}, b.idsOf(0));
            assertArrayEquals(new long[] {1, 1, 1, 0, 0, 0, 0, 0}, b.maskOf(0));
            assertArrayEquals(new long[] {2, 4, 5, 6, 7, 4, 8, 3}, b.idsOf(1));
            assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1}, b.maskOf(1));
            assertArrayEquals(new long[] {1, 1, 0, 0, 0, 0, 0, 0}, b.maskOf(2));
        }
    }

    @Test
    void loadsFromStreamAndAgreesWithFile() throws IOException {
        try (HfTokenizer a = load(16);
                HfTokenizer b = HfTokenizer.load(
                        new ByteArrayInputStream(TOKENIZER_JSON.getBytes(StandardCharsets.UTF_8)), 16, "memory")) {
            assertArrayEquals(a.encode("the mats").ids(), b.encode("the mats").ids());
            assertEquals("memory", b.source());
        }
    }

    @Test
    void concurrentEncodingGivesTheSameIds() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            texts.add("the cat sat on the mat ".repeat(1 + i % 5) + (i % 2 == 0 ? "dog" : "cats"));
        }
        try (HfTokenizer tok = load(64); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<HfTokenizer.Encoded> serial = new ArrayList<>();
            for (String t : texts) {
                serial.add(tok.encode(t));
            }
            List<Future<List<HfTokenizer.Encoded>>> futures = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                futures.add(pool.submit(() -> tok.encodeAll(texts)));
            }
            for (Future<List<HfTokenizer.Encoded>> f : futures) {
                List<HfTokenizer.Encoded> got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(serial.get(i).ids(), got.get(i).ids(), "text " + i);
                }
            }
        }
    }

    @Test
    void missingOrCorruptFilesAreUserErrors() throws IOException {
        UserInputException missing = assertThrows(UserInputException.class,
                () -> HfTokenizer.load(dir.resolve("nope.json"), 16));
        assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"model\": ");
        UserInputException corrupt = assertThrows(UserInputException.class, () -> HfTokenizer.load(bad, 16));
        assertTrue(corrupt.getMessage().contains("bad.json"), corrupt.getMessage());
        assertFalse(corrupt.getMessage().contains("\n"), "one line: " + corrupt.getMessage());
        Path notTok = dir.resolve("other.json");
        Files.writeString(notTok, "{\"hidden_size\": 3}");
        assertThrows(UserInputException.class, () -> HfTokenizer.load(notTok, 16));
    }
}
