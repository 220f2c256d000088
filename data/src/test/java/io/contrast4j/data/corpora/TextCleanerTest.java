package io.contrast4j.data.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextCleanerTest {
    @Test
    void whitespaceControlAndFormatCharacters() {
        assertEquals("a b c", TextCleaner.clean("  a\t\tb\r\n\u00a0c \u2028"));
        assertEquals("zero width gone", TextCleaner.clean("zero\u200b width\u0007 gone\ufeff"));
        assertEquals("caf\u00e9", TextCleaner.clean("cafe\u0301")); // NFC
        assertEquals("", TextCleaner.clean(" \n\t "));
    }

    @Test
    void wordsAreWhatWcCounts() {
        assertEquals(0, TextCleaner.countWords(""));
        assertEquals(4, TextCleaner.countWords(" The jury, \"no  evidence\" "));
    }

    @Test
    void englishDetectionOnEuroparlStyleLines() {
        // Opening words of real lines of Lucene's europarl.lines.txt (English, Italian, Swedish).
        assertTrue(TextCleaner.looksEnglish("Mr President, I should like to thank the rapporteur for the work that has been done on this report and for the cooperation with the committee."));
        assertFalse(TextCleaner.looksEnglish("Invitiamo dunque la Commissione a sottoporre nuove proposte intese a combattere in modo efficace la discriminazione basata sul sesso."));
        assertFalse(TextCleaner.looksEnglish("Detta är, givetvis, en komplicerad fråga. Sedan den lades fram gjorde jag ett uttalande av kommissionen i plenarsammanträdet den 20 oktober."));
    }
}
