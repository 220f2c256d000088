package io.contrast4j.sentence.card;

import java.util.List;
import java.util.Locale;

/**
 * What a model card says about each pretraining objective: its name, the loss in one sentence,
 * and the papers to cite (BibTeX). Facts from the papers themselves.
 */
public record ObjectivePapers(String title, String loss, List<String> bibtex) {

    static final String SBERT = """
            @inproceedings{reimers-2019-sentence-bert,
              title = "Sentence-BERT: Sentence Embeddings using Siamese BERT-Networks",
              author = "Reimers, Nils and Gurevych, Iryna",
              booktitle = "Proceedings of the 2019 Conference on Empirical Methods in Natural Language Processing",
              year = "2019",
              url = "https://arxiv.org/abs/1908.10084"
            }""";

    static final String MOCO = """
            @inproceedings{he2020moco,
              title = {Momentum Contrast for Unsupervised Visual Representation Learning},
              author = {He, Kaiming and Fan, Haoqi and Wu, Yuxin and Xie, Saining and Girshick, Ross},
              booktitle = {Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)},
              year = {2020}
            }""";

    /** The entry for a {@code pretrain --objective} name; a generic one for names it does not know. */
    public static ObjectivePapers of(String objective) {
        String o = objective == null ? "" : objective.toLowerCase(Locale.ROOT);
        return switch (o) {
            case "simcse" -> new ObjectivePapers("Unsupervised SimCSE (Gao et al. 2021)",
                    "InfoNCE (NT-Xent) with in-batch negatives: each sentence is encoded twice with different dropout"
                            + " masks, the two views are the positive pair (Gao et al. 2021, §3).",
                    List.of("""
                            @inproceedings{gao2021simcse,
                              title = {{SimCSE}: Simple Contrastive Learning of Sentence Embeddings},
                              author = {Gao, Tianyu and Yao, Xingcheng and Chen, Danqi},
                              booktitle = {Proceedings of the 2021 Conference on Empirical Methods in Natural Language Processing (EMNLP)},
                              year = {2021}
                            }"""));
            case "declutr" -> new ObjectivePapers("DeCLUTR (Giorgi et al. 2021)",
                    "InfoNCE over anchor spans and positive spans sampled from the same document (Beta-distributed"
                            + " lengths), other documents' spans as in-batch negatives (Giorgi et al. 2021, §2); no MLM term.",
                    List.of("""
                            @inproceedings{giorgi2021declutr,
                              title = {{DeCLUTR}: Deep Contrastive Learning for Unsupervised Textual Representations},
                              author = {Giorgi, John and Nitski, Osvald and Wang, Bo and Bader, Gary},
                              booktitle = {Proceedings of the 59th Annual Meeting of the Association for Computational Linguistics
                                and the 11th International Joint Conference on Natural Language Processing (ACL-IJCNLP)},
                              year = {2021}
                            }"""));
            case "cert" -> new ObjectivePapers("CERT (Fang et al. 2020)",
                    "MoCo InfoNCE: a sentence against its back-translation encoded by a momentum key encoder, with a"
                            + " queue of negatives (Fang et al. 2020, §3; He et al. 2020).",
                    List.of("""
                            @article{fang2020cert,
                              title = {{CERT}: Contrastive Self-supervised Learning for Language Understanding},
                              author = {Fang, Hongchao and Wang, Sicheng and Zhou, Meng and Ding, Jiayuan and Xie, Pengtao},
                              journal = {arXiv preprint arXiv:2005.12766},
                              year = {2020}
                            }""", MOCO));
            case "conpono" -> new ObjectivePapers("CONPONO (Iter et al. 2020)",
                    "For each distance k, a bilinear head scores the sentence k away from the anchor against"
                            + " same-document and random negatives, softmax cross-entropy (Iter et al. 2020, §3); no MLM term.",
                    List.of("""
                            @inproceedings{iter2020conpono,
                              title = {Pretraining with Contrastive Sentence Objectives Improves Discourse Performance of Language Models},
                              author = {Iter, Dan and Guu, Kelvin and Lansing, Larry and Jurafsky, Dan},
                              booktitle = {Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics (ACL)},
                              year = {2020}
                            }"""));
            case "infoxlm" -> new ObjectivePapers("InfoXLM cross-lingual contrast, XLCo (Chi et al. 2021)",
                    "MoCo InfoNCE between a sentence and its translation (momentum key encoder, queue of negatives),"
                            + " the XLCo task of Chi et al. 2021, §3.2.",
                    List.of("""
                            @inproceedings{chi2021infoxlm,
                              title = {{InfoXLM}: An Information-Theoretic Framework for Cross-Lingual Language Model Pre-Training},
                              author = {Chi, Zewen and Dong, Li and Wei, Furu and Yang, Nan and Singhal, Saksham and Wang, Wenhui
                                and Song, Xia and Mao, Xian-Ling and Huang, Heyan and Zhou, Ming},
                              booktitle = {Proceedings of the 2021 Conference of the North American Chapter of the Association for
                                Computational Linguistics: Human Language Technologies (NAACL-HLT)},
                              year = {2021}
                            }""", MOCO));
            case "pairs" -> new ObjectivePapers("Supervised pairs, MultipleNegativesRankingLoss with hard negatives",
                    "InfoNCE over (anchor, positive) pairs with the batch's other positives and the anchor's mined hard"
                            + " negatives as negatives (Henderson et al. 2017, §4.4; hard negatives as in Karpukhin et al. 2020, §3.2).",
                    List.of("""
                            @article{henderson2017efficient,
                              title = {Efficient Natural Language Response Suggestion for Smart Reply},
                              author = {Henderson, Matthew and Al-Rfou, Rami and Strope, Brian and Sung, Yun-hsuan and Lukacs, Laszlo
                                and Guo, Ruiqi and Kumar, Sanjiv and Miklos, Balint and Kurzweil, Ray},
                              journal = {arXiv preprint arXiv:1705.00652},
                              year = {2017}
                            }""", """
                            @inproceedings{karpukhin2020dpr,
                              title = {Dense Passage Retrieval for Open-Domain Question Answering},
                              author = {Karpukhin, Vladimir and Oguz, Barlas and Min, Sewon and Lewis, Patrick and Wu, Ledell
                                and Edunov, Sergey and Chen, Danqi and Yih, Wen-tau},
                              booktitle = {Proceedings of the 2020 Conference on Empirical Methods in Natural Language Processing (EMNLP)},
                              year = {2020}
                            }"""));
            default -> new ObjectivePapers(objective == null ? "unknown objective" : objective,
                    "see provenance.json", List.of());
        };
    }
}
