package io.contrast4j.sentence.pretrain;

/** Checks shared by the specs. */
final class Specs {

    private Specs() {}

    static void temperature(float t) {
        if (!(t > 0)) throw new IllegalArgumentException("temperature: must be > 0, got " + t);
    }

    static void tauPlus(float tauPlus) {
        if (!(tauPlus >= 0 && tauPlus < 1)) throw new IllegalArgumentException("tauPlus: tau+ must be in (0, 1) (0: off), got " + tauPlus);
    }
}
