package io.contrast4j.sentence.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.data.parallel.HeldOutSplit;
import io.contrast4j.data.parallel.TranslationPair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XlcoObjectiveTest {

    private static List<TranslationPair> pairs(int n) {
        List<TranslationPair> p = new ArrayList<>();
        for (int i = 0; i < n; i++) p.add(new TranslationPair("english sentence " + i, "phrase française " + i));
        return p;
    }

    @Test
    void languagesAlternateBetweenQueryAndKey() {
        XlcoObjective o = new XlcoObjective(pairs(200), 1);
        ContrastiveBatch first = o.next(8);
        ContrastiveBatch second = o.next(8);
        for (int i = 0; i < 8; i++) {
            assertTrue(first.anchors().get(i).startsWith("english"), first.anchors().get(i));
            assertTrue(first.positives().get(i).startsWith("phrase"));
            assertEquals(first.anchors().get(i).replace("english sentence ", ""), first.positives().get(i).replace("phrase française ", ""));
            assertTrue(second.anchors().get(i).startsWith("phrase"));
            assertTrue(second.positives().get(i).startsWith("english"));
        }
        assertEquals(16, o.position());
    }

    @Test
    void heldOutPairsAreNeverTrainedOn() {
        List<TranslationPair> all = pairs(5_000);
        long heldOut = all.stream().filter(p -> HeldOutSplit.isHeldOut(p.source())).count();
        assertTrue(heldOut > 50, "some pairs must fall in the held-out split: " + heldOut);
        XlcoObjective o = new XlcoObjective(all, 7);
        assertEquals(heldOut, o.droppedHeldOut());
        assertEquals(all.size() - heldOut, o.pairs());
        Set<String> seen = new HashSet<>();
        for (int b = 0; b < 2 * o.pairs() / 50; b++) {
            ContrastiveBatch batch = o.next(50);
            for (int i = 0; i < batch.size(); i++) {
                String english = b % 2 == 0 ? batch.anchors().get(i) : batch.positives().get(i);
                assertFalse(HeldOutSplit.isHeldOut(english), english);
                seen.add(english);
            }
        }
        assertEquals(o.pairs(), seen.size(), "two epochs visit every training pair");
    }
}
