package io.contrast4j.sentence.hub;

import java.util.regex.Pattern;

/**
 * A model on the HuggingFace Hub: {@code ORG/NAME} (or a legacy bare {@code NAME}) and a revision
 * (branch, tag or commit; default {@code main}), written {@code ORG/NAME[@REVISION]}. Names follow
 * the Hub's rules as huggingface_hub's {@code validate_repo_id} checks them: letters, digits,
 * {@code - _ .}, at most 96 characters a part, no {@code --} or {@code ..}.
 */
public record HubModelId(String repo, String revision) {

    public static final String DEFAULT_REVISION = "main";

    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][\\w.-]{0,95}(/[A-Za-z0-9][\\w.-]{0,95})?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    public HubModelId {
        if (!isValidRepo(repo)) {
            throw new IllegalArgumentException("not a HuggingFace model id: \"" + repo + "\" (expected ORG/NAME)");
        }
        if (revision == null || revision.isBlank() || revision.contains("..") || revision.startsWith("/")) {
            throw new IllegalArgumentException("bad revision \"" + revision + "\" for " + repo);
        }
    }

    /** Parses {@code ORG/NAME[@REVISION]}. */
    public static HubModelId parse(String spec) {
        String s = spec.strip();
        int at = s.indexOf('@');
        return at < 0 ? new HubModelId(s, DEFAULT_REVISION) : new HubModelId(s.substring(0, at), s.substring(at + 1));
    }

    /** Whether {@code spec} has the shape of a Hub id (it says nothing of whether the model exists). */
    public static boolean looksLikeId(String spec) {
        if (spec == null) {
            return false;
        }
        String s = spec.strip();
        int at = s.indexOf('@');
        String repo = at < 0 ? s : s.substring(0, at);
        return isValidRepo(repo) && (at < 0 || at < s.length() - 1);
    }

    private static boolean isValidRepo(String repo) {
        return repo != null && REPO.matcher(repo).matches() && !repo.contains("--") && !repo.contains("..")
                && !repo.endsWith(".") && !repo.endsWith("-");
    }

    /** Whether the revision is a full commit hash (then a cached snapshot needs no network). */
    public boolean revisionIsCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** The cache folder name huggingface_hub uses: {@code models--ORG--NAME}. */
    public String cacheFolderName() {
        return "models--" + repo.replace("/", "--");
    }

    @Override
    public String toString() {
        return DEFAULT_REVISION.equals(revision) ? repo : repo + "@" + revision;
    }
}
