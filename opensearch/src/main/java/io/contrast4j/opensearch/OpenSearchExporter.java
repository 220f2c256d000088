package io.contrast4j.opensearch;

import io.contrast4j.core.UserInputException;
import io.contrast4j.search.IndexMetadata;
import io.contrast4j.search.SearchFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;

/**
 * Copies a local contrast4j index into OpenSearch: the stored vectors and texts are read from the
 * Lucene segments and bulk-loaded as they are (no re-encoding). The target index is created with
 * {@link OpenSearchLayout}, or must already record the same model.
 */
public final class OpenSearchExporter {
    private OpenSearchExporter() {}

    public record Result(String index, String model, int dimension, long passages, double seconds) {}

    public static Result export(Path localIndex, OpenSearchClient client, String osIndex, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (osIndex == null || osIndex.isBlank() || !osIndex.equals(osIndex.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("OpenSearch index name must be non-empty and lowercase, got " + osIndex);
        }
        if (!Files.isDirectory(localIndex)) {
            throw new UserInputException("index folder " + localIndex + " does not exist");
        }
        long start = System.nanoTime();
        long passages = 0;
        try (Directory dir = FSDirectory.open(localIndex); DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexMetadata metadata = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData(), localIndex.toString());
            OpenSearchLayout.createOrCheck(client, osIndex, metadata);
            List<BulkOperation> batch = new ArrayList<>(batchSize);
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                FloatVectorValues vectors = r.getFloatVectorValues(SearchFields.VECTOR);
                if (vectors == null) {
                    continue;
                }
                Bits live = r.getLiveDocs();
                StoredFields stored = r.storedFields();
                KnnVectorValues.DocIndexIterator it = vectors.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Map<String, Object> source = source(stored.document(doc), vectors.vectorValue(it.index()));
                    String id = OpenSearchLayout.docId((String) source.get(OpenSearchLayout.ID), (Integer) source.get(OpenSearchLayout.PASSAGE));
                    batch.add(BulkOperation.of(o -> o.index(i -> i.index(osIndex).id(id).document(source))));
                    if (batch.size() == batchSize) {
                        send(client, batch);
                    }
                    passages++;
                }
            }
            send(client, batch);
            client.indices().refresh(rf -> rf.index(osIndex));
            return new Result(osIndex, metadata.model(), metadata.dimension(), passages, (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException("export of " + localIndex + " to OpenSearch index " + osIndex + " failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> source(Document d, float[] vector) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(OpenSearchLayout.ID, d.get(SearchFields.ID));
        IndexableField passage = d.getField(SearchFields.PASSAGE);
        s.put(OpenSearchLayout.PASSAGE, passage == null ? 0 : passage.numericValue().intValue());
        s.put(OpenSearchLayout.TEXT, d.get(SearchFields.TEXT));
        s.put(OpenSearchLayout.LANGUAGE, d.get(SearchFields.LANGUAGE));
        Map<String, String> fields = new LinkedHashMap<>();
        for (IndexableField f : d.getFields()) {
            if (f.name().startsWith(SearchFields.USER_PREFIX)) {
                fields.put(f.name().substring(SearchFields.USER_PREFIX.length()), f.stringValue());
            }
        }
        s.put(OpenSearchLayout.FIELDS, fields);
        List<Float> v = new ArrayList<>(vector.length);
        for (float x : vector) {
            v.add(x);
        }
        s.put(OpenSearchLayout.EMBEDDING, v);
        return s;
    }

    private static void send(OpenSearchClient client, List<BulkOperation> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        BulkResponse response = client.bulk(b -> b.operations(batch));
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    throw new IOException("bulk load failed for " + item.id() + ": " + item.error().reason());
                }
            }
        }
        batch.clear();
    }
}
