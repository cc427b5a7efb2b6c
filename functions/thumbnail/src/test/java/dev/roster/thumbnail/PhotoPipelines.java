package dev.roster.thumbnail;

import dev.roster.core.aws.AwsClients;
import dev.roster.emulator.LocalAws;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.PhotoLimits;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;

/** Pipelines wired to the local AWS for situations the handler's own constructor cannot stage. */
final class PhotoPipelines {
    private PhotoPipelines() {}

    /**
     * A pipeline during which another writer edits the profile: the pipeline asks its clock for the
     * processing time right before it commits, and this clock runs {@code edit} the first time it is asked.
     */
    static PhotoPipeline withEditBeforeCommit(LocalAws aws, String photosBaseUrl, Runnable edit) {
        AtomicBoolean edited = new AtomicBoolean();
        Clock editingClock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (edited.compareAndSet(false, true)) {
                    edit.run();
                }
                return Instant.now();
            }
        };
        return new PhotoPipeline(
                new dev.roster.core.table.ProfileTable(
                        AwsClients.dynamoDb(), aws.physicalName("ProfilesTable"), Profiles.COMMUNITY),
                new PhotoStore(AwsClients.s3(), aws.physicalName("PhotosBucket"), photosBaseUrl),
                PhotoLimits.defaults(),
                new JpegEncoder(JpegEncoder.DEFAULT_QUALITY),
                editingClock);
    }
}
