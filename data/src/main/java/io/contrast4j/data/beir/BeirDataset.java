package io.contrast4j.data.beir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A BEIR-format retrieval set (Thakur et al. 2021, the layout of every BEIR download): the
 * corpus, the queries that the chosen split's qrels judge, and those judgments.
 *
 * @param name      the folder's name (e.g. {@code scifact}), the report's task name
 * @param split     the qrels file used ({@code qrels/<split>.tsv})
 * @param corpus    documents by id, in file order
 * @param queries   query texts by id, in the order the qrels first name them (as BEIR's loader
 *                  keeps them); only judged queries are kept
 * @param qrels     query id -> (document id -> graded relevance); 0 means judged not relevant
 * @param unknownJudgedDocuments qrels lines whose document id is not in the corpus (kept in
 *                  {@code qrels}: they count as relevant documents no system can return, as in
 *                  trec_eval, and are reported so that a broken export is noticed)
 * @param files     the three files read, for provenance
 */
public record BeirDataset(String name, String split, Map<String, BeirDocument> corpus, Map<String, String> queries,
                          Map<String, Map<String, Integer>> qrels, int unknownJudgedDocuments, List<Path> files) {

    public BeirDataset {
        corpus = java.util.Collections.unmodifiableMap(corpus);
        queries = java.util.Collections.unmodifiableMap(queries);
        qrels = java.util.Collections.unmodifiableMap(qrels);
        files = List.copyOf(files);
    }
}
