package io.contrast4j.search;

import io.contrast4j.core.Document;
import io.contrast4j.core.Embedder;
import io.contrast4j.core.UserInputException;
import io.contrast4j.core.concurrent.DaemonThreads;
import io.contrast4j.core.concurrent.Futures;
import io.contrast4j.core.text.SentenceSplitter;
import io.contrast4j.core.vector.VectorMath;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds and maintains a search index: each document is cut into passages (optional), embedded in
 * batches, and written as one Lucene document per passage with its vector (HNSW), its BM25 text
 * and stored fields. Adding a document whose id is already indexed replaces it.
 *
 * <p>Durability: the writer commits every {@link IndexSettings#commitEvery()} documents and on
 * {@link #close()}. A Lucene commit is atomic, so if the process dies mid-build the index opens at
 * its last commit, complete and searchable. Every commit carries the {@link IndexMetadata} (model
 * name and dimension, settings) in its user data.
 *
 * <p>Pipelined: while the caller's thread tokenizes and embeds one batch, a background thread
 * writes the previous batch to Lucene (analysis, stored fields, HNSW insertion), so that indexing
 * runs near the speed of plain encoding. One batch is in flight at most; batches are written in
 * the order they were added, and every other operation (commit, delete, merge, close, the counts)
 * first waits for it, so callers see the same index as with writes in line. The commit listener
 * may therefore be called on that background thread.
 *
 * <p>Not thread-safe: one thread drives a writer.
 */
public final class SearchIndexWriter implements Closeable {
    private static final FieldType TEXT_TYPE = textFieldType();

    private final Path path;
    private final Embedder embedder;
    private final IndexMetadata metadata;
    private final PassageChunker chunker;
    private final Directory directory;
    private final IndexWriter writer;
    private final ExecutorService mergeExec;
    /** The vector format the codec writes with now: with or without HNSW graphs (see {@link #deferGraphs}). */
    private volatile org.apache.lucene.codecs.KnnVectorsFormat vectorsFormat;
    private boolean graphsDeferred;
    private final List<Pending> pending = new ArrayList<>();
    private int pendingPassages;
    private long documentsSinceCommit;
    private long documentsWritten;
    private long passagesWritten;
    private LongConsumer commitListener = n -> {};
    private boolean precomputedOnly;
    /** Writes embedded batches while the next one is embedded; started on the first batch. */
    private ExecutorService writeBehind;
    private java.util.concurrent.Future<?> inFlight;

    private record Pending(IndexDocument document, List<String> passages) {}

    private SearchIndexWriter(Path path, Embedder embedder, IndexMetadata metadata, PassageChunker chunker) throws IOException {
        this.path = path;
        this.embedder = embedder;
        this.metadata = metadata;
        this.chunker = chunker;
        IndexSettings s = metadata.settings();
        this.mergeExec = s.mergeWorkers() > 1 ? Executors.newFixedThreadPool(s.mergeWorkers(), DaemonThreads.named("hnsw-merge"))
                : null;
        this.directory = FSDirectory.open(path);
        this.vectorsFormat = vectorsFormat(s.mergeWorkers(), mergeExec, true);
        IndexWriterConfig config = new IndexWriterConfig(s.analyzer().create())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(SearchCodec.create(() -> vectorsFormat))
                .setRAMBufferSizeMB(256)
                .setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        writer.setLiveCommitData(metadata.toUserData().entrySet());
    }

    /**
     * Opens the index at {@code path} for writing, creating it when absent. An existing index must
     * have been built with the same model (name and dimension) and the same settings.
     *
     * @param modelSpec how to load the model again from the command line (recorded; may be null)
     * @param sentences sentence splitter for passage chunking (null: nlp-core's OpenNLP English
     *                  splitter); unused when {@code passageTokens} is 0
     */
    public static SearchIndexWriter open(Path path, Embedder embedder, String modelSpec, IndexSettings settings,
                                         java.util.function.Function<String, List<String>> sentences) {
        try {
            Files.createDirectories(path);
            IndexMetadata metadata = new IndexMetadata(embedder.name(), modelSpec, embedder.dimension(), settings);
            try (Directory dir = FSDirectory.open(path)) {
                if (DirectoryReader.indexExists(dir)) {
                    IndexMetadata existing = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData(), path.toString());
                    existing.requireModel(embedder.name(), embedder.dimension());
                    IndexSettings old = existing.settings();
                    IndexSettings asked = settings.withCommitEvery(old.commitEvery()).withBatchSize(old.batchSize()).withMergeWorkers(old.mergeWorkers());
                    if (!old.equals(asked)) {
                        throw new UserInputException("index " + path + " was built with " + describe(old)
                                + "; cannot add to it with " + describe(settings) + " (use the same options or a new --index folder)");
                    }
                }
            }
            PassageChunker chunker = settings.passageTokens() <= 0 ? null
                    : new PassageChunker(settings.passageTokens(), sentences != null ? sentences : SentenceSplitter.english()::split);
            return new SearchIndexWriter(path, embedder, metadata, chunker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens (or creates) an index for vectors embedded elsewhere ({@link #addEmbedded}), e.g. a
     * cached {@code .npy} of the model's embeddings; {@link #add} refuses to run. {@code model} and
     * {@code dimension} are recorded as for an embedder and checked against an existing index.
     */
    public static SearchIndexWriter openForVectors(Path path, String model, int dimension, String modelSpec, IndexSettings settings) {
        Embedder named = new PrecomputedVectors(model, dimension);
        SearchIndexWriter writer = open(path, named, modelSpec, settings, null);
        writer.precomputedOnly = true;
        return writer;
    }

    /** Stands for the model of vectors computed elsewhere: it has a name and a dimension, and embeds nothing. */
    private record PrecomputedVectors(String name, int dimension) implements Embedder {
        @Override
        public float[][] embed(List<String> texts) {
            throw new UserInputException("this index writer takes precomputed " + name + " vectors only (addEmbedded)");
        }
    }

    /**
     * Opens an existing index for deletes (and commits) only, without its model: {@link #add}
     * refuses to run. The index keeps its recorded metadata.
     */
    public static SearchIndexWriter openForDeletes(Path path) {
        try (Directory dir = FSDirectory.open(path)) {
            if (!Files.isDirectory(path) || !DirectoryReader.indexExists(dir)) {
                throw new UserInputException(path + " holds no Lucene index");
            }
            IndexMetadata existing = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData(), path.toString());
            return new SearchIndexWriter(path, null, existing, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open index " + path + ": " + e.getMessage(), e);
        }
    }

    private static String describe(IndexSettings s) {
        return "hnsw M=" + s.maxConn() + ", beam width=" + s.beamWidth() + ", quantization=" + s.quantization()
                + ", analyzer=" + s.analyzer() + ", passage tokens=" + s.passageTokens();
    }

    public IndexMetadata metadata() {
        return metadata;
    }

    /** Called after each commit with the number of documents written so far by this writer. */
    public void onCommit(LongConsumer listener) {
        this.commitListener = listener;
    }

    /** Adds (or replaces, by id) one document; embedded and written once a window of passages ({@link IndexSettings#embedWindow()}) is full. */
    public void add(IndexDocument document) {
        if (precomputedOnly) {
            throw new UserInputException("index " + path + " was opened for precomputed vectors: use addEmbedded");
        }
        if (embedder == null) {
            throw new UserInputException("index " + path + " was opened for deletes only (no model)");
        }
        List<String> passages = chunker == null ? List.of(document.text()) : chunker.passages(document.text());
        if (passages.isEmpty()) {
            passages = List.of(document.text()); // a blank document still gets its id indexed
        }
        pending.add(new Pending(document, passages));
        pendingPassages += passages.size();
        if (pendingPassages >= metadata.settings().embedWindow()) {
            flushPending();
        }
    }

    /** Adds every document of a stream (e.g. {@code corpus.documents()}); returns how many. */
    public long addAll(Stream<Document> documents) {
        long n = 0;
        Iterator<Document> it = documents.iterator();
        while (it.hasNext()) {
            add(IndexDocument.of(it.next()));
            n++;
        }
        return n;
    }

    /**
     * Adds one passage with a vector computed elsewhere (e.g. a cached embedding file). The vector
     * must come from the index's model; it is normalised to unit length.
     */
    public void addEmbedded(IndexDocument document, float[] vector) {
        drain();
        if (embedder == null) {
            throw new UserInputException("index " + path + " was opened for deletes only (no model)");
        }
        if (vector.length != metadata.dimension()) {
            throw new UserInputException("vector of document " + document.id() + " has dimension " + vector.length
                    + ", the index expects " + metadata.dimension());
        }
        write(document, List.of(document.text()), new float[][] {vector.clone()});
    }

    /**
     * Adds whole indexes written elsewhere, e.g. shards built in parallel (Lucene's
     * {@code IndexWriter.addIndexes}: their segments are copied as they are, HNSW graphs included;
     * {@link #forceMerge} afterwards joins them). Each must carry this index's model, dimension and
     * settings. Ids are not de-duplicated against documents already here.
     */
    public void addIndexes(List<Path> shards) {
        drain();
        List<Directory> dirs = new ArrayList<>();
        try {
            for (Path shard : shards) {
                Directory dir = FSDirectory.open(shard);
                dirs.add(dir);
                if (!DirectoryReader.indexExists(dir)) {
                    throw new UserInputException(shard + " holds no Lucene index");
                }
                IndexMetadata other = IndexMetadata.fromUserData(SegmentInfos.readLatestCommit(dir).getUserData(), shard.toString());
                other.requireModel(metadata.model(), metadata.dimension());
                IndexSettings mine = metadata.settings();
                IndexSettings theirs = other.settings().withCommitEvery(mine.commitEvery()).withBatchSize(mine.batchSize())
                        .withMergeWorkers(mine.mergeWorkers());
                if (!mine.equals(theirs)) {
                    throw new UserInputException("shard " + shard + " was built with " + describe(other.settings())
                            + ", this index with " + describe(mine));
                }
                try (DirectoryReader reader = DirectoryReader.open(dir)) {
                    passagesWritten += reader.numDocs();
                }
            }
            writer.addIndexes(dirs.toArray(Directory[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add shards to index " + path + ": " + e.getMessage(), e);
        } finally {
            for (Directory d : dirs) {
                try {
                    d.close();
                } catch (IOException ignored) {
                    // read-only use; nothing to lose
                }
            }
        }
    }

    /** Same as {@link #add}: a document with an id already in the index replaces all its passages. */
    public void update(IndexDocument document) {
        add(document);
    }

    /** Deletes a document (all its passages) by id; pending additions are written first. */
    public void delete(String id) {
        drain();
        try {
            writer.deleteDocuments(new Term(SearchFields.ID, id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + id + " from " + path, e);
        }
    }

    /** Writes pending documents and makes everything so far durable and visible to new readers. */
    public void commit() {
        drain();
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit index " + path, e);
        }
        documentsSinceCommit = 0;
        commitListener.accept(documentsWritten);
    }

    /**
     * For a bulk build into an empty index that ends with {@link #forceMerge}: until then, segments
     * are written with their vectors but without HNSW graphs, and {@code forceMerge} writes every
     * document into one new segment and builds its graph once, on one thread per core (the encoder
     * is done by then). Without this, each flush (every {@link IndexSettings#commitEvery()}
     * documents) builds a graph while the encoder runs, and the final merge inserts those
     * segments' vectors into one graph again. Commits stay as durable: a build that dies midway
     * leaves graph-less segments, searched exactly, and so does closing without {@code forceMerge}.
     * Does nothing (returns false) when the index already holds documents, whose graphs a merge
     * extends instead.
     */
    public boolean deferGraphs() {
        awaitWrites();
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            if (r.numDocs() > 0 || documentsWritten > 0 || !pending.isEmpty()) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read index " + path, e);
        }
        vectorsFormat = vectorsFormat(metadata.settings().mergeWorkers(), mergeExec, false);
        graphsDeferred = true;
        return true;
    }

    /** Merges the index down to {@code maxSegments} (one HNSW graph per segment is fastest to query). */
    public void forceMerge(int maxSegments) {
        drain();
        try {
            if (graphsDeferred) {
                buildDeferredGraph();
            }
            writer.forceMerge(maxSegments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge index " + path, e);
        }
    }

    /**
     * Rewrites all documents as one segment with the graph format: the graph-less segments are
     * read through a near-real-time reader, dropped and added back ({@code addIndexes} merges them
     * into one new segment, building its graph with every core). The commit before is the fallback
     * if the process dies meanwhile.
     */
    private void buildDeferredGraph() throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService workers = cores > 1 ? Executors.newFixedThreadPool(cores, DaemonThreads.named("hnsw-graph")) : null;
        try {
            writer.commit();
            vectorsFormat = vectorsFormat(cores, workers, true);
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                org.apache.lucene.index.CodecReader[] segments = reader.leaves().stream()
                        .map(leaf -> (org.apache.lucene.index.CodecReader) leaf.reader())
                        .toArray(org.apache.lucene.index.CodecReader[]::new);
                if (segments.length > 0) {
                    writer.deleteAll();
                    writer.addIndexes(segments);
                }
            }
            writer.setLiveCommitData(metadata.toUserData().entrySet());
            writer.commit();
        } finally {
            graphsDeferred = false;
            vectorsFormat = vectorsFormat(metadata.settings().mergeWorkers(), mergeExec, true);
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    /** This index's vector format (quantization, M, beam width) with the given merge workers, with or without graphs. */
    private org.apache.lucene.codecs.KnnVectorsFormat vectorsFormat(int workers, ExecutorService exec, boolean graphs) {
        IndexSettings s = metadata.settings();
        return s.quantization().format(s.maxConn(), s.beamWidth(), workers, exec, graphs);
    }

    public long documentsWritten() {
        awaitWrites();
        return documentsWritten;
    }

    public long passagesWritten() {
        awaitWrites();
        return passagesWritten;
    }

    /** Embeds what is pending and writes it, and waits until every batch is in the Lucene writer. */
    private void drain() {
        flushPending();
        awaitWrites();
    }

    /** Waits for the batch in flight; a failure while writing it is rethrown here, on the caller's thread. */
    private void awaitWrites() {
        java.util.concurrent.Future<?> f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        Futures.join(f, "writing to index " + path);
    }

    /** Embeds the pending documents here, then hands them to the write-behind thread (after the batch before them). */
    private void flushPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<String> texts = new ArrayList<>(pendingPassages);
        for (Pending p : pending) {
            texts.addAll(p.passages());
        }
        float[][] vectors = embedder.embed(texts);
        if (vectors.length != texts.size()) {
            throw new IllegalStateException(embedder.name() + " returned " + vectors.length + " vectors for " + texts.size() + " texts");
        }
        List<Pending> batch = new ArrayList<>(pending);
        pending.clear();
        pendingPassages = 0;
        awaitWrites(); // in order, one batch in flight: the previous one is written before this one starts
        if (writeBehind == null) {
            writeBehind = Executors.newSingleThreadExecutor(DaemonThreads.named("index-write-behind"));
        }
        inFlight = writeBehind.submit(() -> {
            int row = 0;
            for (Pending p : batch) {
                float[][] own = java.util.Arrays.copyOfRange(vectors, row, row + p.passages().size());
                row += p.passages().size();
                write(p.document(), p.passages(), own);
            }
        });
    }

    private void write(IndexDocument document, List<String> passages, float[][] vectors) {
        List<org.apache.lucene.document.Document> docs = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            float[] v = vectors[i];
            if (v.length != metadata.dimension()) {
                throw new IllegalStateException(metadata.model() + " returned dimension " + v.length + ", expected " + metadata.dimension());
            }
            VectorMath.normalize(v); // dot product on unit vectors = cosine
            org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
            doc.add(new StringField(SearchFields.ID, document.id(), Field.Store.YES));
            doc.add(new StoredField(SearchFields.PASSAGE, i));
            doc.add(new Field(SearchFields.TEXT, passages.get(i), TEXT_TYPE));
            doc.add(new KnnFloatVectorField(SearchFields.VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
            doc.add(new StringField(SearchFields.LANGUAGE, document.language(), Field.Store.YES));
            for (Map.Entry<String, String> f : document.fields().entrySet()) {
                doc.add(new StringField(SearchFields.USER_PREFIX + f.getKey(), f.getValue(), Field.Store.YES));
            }
            docs.add(doc);
        }
        try {
            // Replaces any earlier version of this id; passages of one document land together.
            writer.updateDocuments(new Term(SearchFields.ID, document.id()), docs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write document " + document.id() + " to " + path, e);
        }
        documentsWritten++;
        passagesWritten += passages.size();
        if (++documentsSinceCommit >= metadata.settings().commitEvery()) {
            try {
                writer.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot commit index " + path, e);
            }
            documentsSinceCommit = 0;
            commitListener.accept(documentsWritten);
        }
    }

    private static FieldType textFieldType() {
        FieldType t = new FieldType();
        t.setTokenized(true);
        t.setStored(true);
        t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS); // offsets: fast snippets
        t.freeze();
        return t;
    }

    /** Writes what is pending, commits, and closes. */
    @Override
    public void close() {
        try {
            commit();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close index " + path, e);
        } finally {
            if (mergeExec != null) {
                mergeExec.shutdownNow();
            }
            if (writeBehind != null) {
                writeBehind.shutdownNow();
            }
        }
    }
}
