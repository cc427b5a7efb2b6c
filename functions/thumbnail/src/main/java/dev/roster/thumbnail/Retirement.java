package dev.roster.thumbnail;

import java.util.List;

/** What became of the photo a newly processed one replaced. */
public sealed interface Retirement {
    /** The profile had no photo before. */
    record NothingReplaced() implements Retirement {}

    /** Its crops are tagged obsolete (the photos bucket expires them a day later) and its original is deleted. */
    record Retired(List<String> keys) implements Retirement {
        public Retired {
            keys = List.copyOf(keys);
        }
    }

    /**
     * S3 failed part-way: the new photo is live, and these objects of the old one (crop URLs, the upload id of
     * its original) may be left; nothing points to them any more, so an operator may delete them.
     */
    record Failed(List<String> cropUrls, String uploadId, String reason) implements Retirement {
        public Failed {
            cropUrls = List.copyOf(cropUrls);
        }
    }
}
