package dev.roster.thumbnail;

import dev.roster.core.CropFormat;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.UploadKey;
import dev.roster.core.observe.Log;
import dev.roster.core.observe.Metrics;
import dev.roster.core.profile.FocalPoint;
import dev.roster.core.profile.Photo;
import dev.roster.core.profile.Profile;
import dev.roster.core.table.ProfileTable;
import dev.roster.core.table.ProfileTable.Write;
import dev.roster.thumbnail.PhotoOutcome.Ignored;
import dev.roster.thumbnail.PhotoOutcome.Processed;
import dev.roster.thumbnail.PhotoOutcome.Rejected;
import dev.roster.thumbnail.PhotoOutcome.Stale;
import dev.roster.thumbnail.PhotoStore.Upload;
import dev.roster.thumbnail.image.CropChoice;
import dev.roster.thumbnail.image.CropSpec;
import dev.roster.thumbnail.image.Cropper;
import dev.roster.thumbnail.image.JpegEncoder;
import dev.roster.thumbnail.image.Libvips;
import dev.roster.thumbnail.image.PhotoDecoder;
import dev.roster.thumbnail.image.PhotoLimits;
import dev.roster.thumbnail.image.UnusablePhotoException;
import dev.roster.thumbnail.image.WebpEncoder;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One upload, start to end (docs/design.md, "The photo pipeline"). Cheap checks first, so a duplicate or late
 * event costs one read; a file that can never work is rejected with a reason and the call succeeds; an
 * AWS failure is thrown, so Lambda retries it.
 */
public final class PhotoPipeline {
    /** Attempts at the final transaction when the profile changes (another write bumped its version) meanwhile. */
    static final int MAX_COMMIT_ATTEMPTS = 3;

    static final String UPLOAD_GONE = "the uploaded file is gone; please upload the photo again";

    private final ProfileTable table;
    private final PhotoStore store;
    private final PhotoLimits limits;
    private final PhotoDecoder decoder;
    private final JpegEncoder encoder;
    private final WebpEncoder webp;
    private final Cropper cropper;
    private final CropChoice cropMode;
    private final Clock clock;

    public PhotoPipeline(ProfileTable table, PhotoStore store, PhotoLimits limits, JpegEncoder encoder, Clock clock) {
        this(table, store, limits, encoder, CropChoice.SMART, clock);
    }

    /** {@code cropMode}: how the window is chosen for a photo without a focal point. */
    public PhotoPipeline(
            ProfileTable table,
            PhotoStore store,
            PhotoLimits limits,
            JpegEncoder encoder,
            CropChoice cropMode,
            Clock clock) {
        this(table, store, limits, encoder, WebpEncoder.shared(), cropMode, clock);
    }

    /** {@code webp}: how (and whether) the crops' WebP twins are made; the process's libvips decodes either way. */
    PhotoPipeline(
            ProfileTable table,
            PhotoStore store,
            PhotoLimits limits,
            JpegEncoder encoder,
            WebpEncoder webp,
            CropChoice cropMode,
            Clock clock) {
        this.table = table;
        this.store = store;
        this.limits = limits;
        this.decoder = new PhotoDecoder(limits, Libvips.shared());
        this.encoder = encoder;
        this.webp = webp;
        this.cropper = new Cropper(encoder);
        this.cropMode = cropMode;
        this.clock = clock;
    }

    /** The pipeline the function's environment (template.yaml) describes. */
    public static PhotoPipeline from(Env env, S3Client s3, DynamoDbClient dynamoDb) {
        double quality = Double.parseDouble(env.optional("JPEG_QUALITY", Double.toString(JpegEncoder.DEFAULT_QUALITY)));
        return new PhotoPipeline(
                new ProfileTable(dynamoDb, env.required("TABLE_NAME"), env.required("COMMUNITY_ID")),
                new PhotoStore(s3, env.required("PHOTOS_BUCKET"), env.required("PHOTOS_BASE_URL")),
                PhotoLimits.ofMegapixels(
                        env.longValue("MAX_UPLOAD_BYTES", PhotoLimits.DEFAULT_MAX_UPLOAD_BYTES),
                        env.longValue("MAX_SOURCE_MEGAPIXELS", PhotoLimits.DEFAULT_MAX_SOURCE_MEGAPIXELS)),
                JpegEncoder.of(quality, Libvips.shared()),
                CropChoice.mode(env.optional("CROP_MODE", "smart")),
                Clock.systemUTC());
    }

    /** Whether plain JPEGs are decoded by libvips (loaded and verified once per process), or why not. */
    public Libvips.Availability nativeJpeg() {
        return decoder.nativeJpeg();
    }

    /** At init (before the SnapStart snapshot): which JPEG decoder this environment uses, once. */
    public static void reportDecoder(Libvips.Availability nativeJpeg) {
        switch (nativeJpeg) {
            case Libvips.Availability.Loaded loaded ->
                Log.info("JPEGs are decoded by libvips " + loaded.libvips().version());
            case Libvips.Availability.Unavailable unavailable -> {
                Log.warn("native JPEG decoder unavailable, JPEGs are decoded by the JDK (same crops, slower): "
                        + unavailable.reason());
                Metrics.start().count("NativeDecoderUnavailable").flush();
            }
        }
    }

    /** At init: whether this environment makes WebP twins of the crops, once; without them photos are JPEG only. */
    public static void reportWebp(Optional<String> unavailable) {
        if (unavailable.isPresent()) {
            Log.warn("no WebP crops, photos are JPEG only: " + unavailable.get());
            Metrics.start().count("WebpUnavailable").flush();
        }
    }

    /**
     * At init: when libvips decodes but its JPEG encoding failed the check, once (the JDK's writer makes the same
     * crops, slower). Without libvips {@link #reportDecoder} has said so already.
     */
    public static void reportJpegEncoder(Libvips.Availability nativeJpeg, Optional<String> imageIoOnly) {
        if (nativeJpeg instanceof Libvips.Availability.Loaded && imageIoOnly.isPresent()) {
            Log.warn("native JPEG encoder unavailable, crops are encoded by the JDK (same crops, slower): "
                    + imageIoOnly.get());
            Metrics.start().count("NativeJpegEncoderUnavailable").flush();
        }
    }

    /** Why the crops' JPEGs are written by the JDK's writer, or empty when libvips writes them. */
    public Optional<String> jpegImageIoOnly() {
        return encoder.imageIoOnly();
    }

    /** Why this environment makes no WebP twins of the crops, or empty when it does. */
    public Optional<String> webpUnavailable() {
        return webp.unavailable();
    }

    /**
     * Runs the image code once on a photo made in memory (decode, crops, placeholder, WebP twins; no AWS call), so
     * a SnapStart snapshot holds loaded, initialised ImageIO plugins, Thumbnailator, JPEG codec and WebP call classes.
     */
    public void primeImageCode() {
        try {
            webp.encode(cropper.crop(decoder.decode(samplePhoto(), CropChoice.SMART))
                    .crops());
        } catch (UnusablePhotoException e) {
            throw new IllegalStateException("the pipeline cannot read its own JPEG: " + e.reason(), e);
        }
    }

    /** A 640×480 JPEG made in memory (priming: no file, no network). */
    public byte[] samplePhoto() {
        BufferedImage sample = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sample.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 640, 480, Color.BLUE));
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        return encoder.encode(sample);
    }

    public PhotoOutcome handle(UploadedObject object) {
        Optional<UploadKey> parsed = PhotoKeys.parseUpload(object.key());
        if (parsed.isEmpty()) {
            return new Ignored(object.key(), "not an upload (expected uploads/<profileId>/<uploadId>)");
        }
        UploadKey upload = parsed.get();
        Optional<Profile> profile = table.read(upload.profileId());
        if (profile.isEmpty() || !profile.get().waitsFor(upload.uploadId())) {
            return abandon(object.bucket(), upload, profile);
        }
        if (object.sizeBytes().isPresent()) {
            Optional<String> tooLarge = limits.checkBytes(object.sizeBytes().getAsLong());
            if (tooLarge.isPresent()) {
                return reject(upload, tooLarge.get());
            }
        }
        byte[] bytes;
        switch (store.readUpload(object.bucket(), upload.key(), limits.maxUploadBytes())) {
            case Upload.Fetched fetched -> bytes = fetched.bytes();
            case Upload.TooLarge tooLarge -> {
                return reject(upload, limits.checkBytes(tooLarge.bytes()).orElseThrow());
            }
            case Upload.Missing missing -> {
                return reject(upload, UPLOAD_GONE);
            }
        }
        Optional<String> empty = limits.checkBytes(bytes.length);
        if (empty.isPresent()) {
            return reject(upload, empty.get());
        }
        // the focal point recorded with this upload, else the mode: the same inputs always give the same window
        Optional<FocalPoint> focalPoint = Optional.ofNullable(profile.get().pendingFocalPoint());
        PhotoDecoder.SourcePhoto source;
        Cropper.Crops crops;
        byte[] preview;
        try {
            source = decoder.decode(bytes, cropMode.with(focalPoint));
            crops = cropper.crop(source);
            preview = cropper.preview(decoder.wholeUpright(bytes, CropSpec.PREVIEW_LONG_SIDE_PIXELS));
        } catch (UnusablePhotoException e) {
            return reject(upload, e.reason());
        }
        // WebP twins where this environment makes them; a photo whose encoding fails is JPEG only, never lost
        WebpEncoder.Twins twins = webp.encode(crops.crops());
        Map<CropSpec, String> urls = new EnumMap<>(CropSpec.class);
        for (Cropper.Crop crop : crops.crops()) {
            urls.put(crop.spec(), store.putCrop(upload, crop.jpeg()));
            if (twins instanceof WebpEncoder.Twins.Encoded encoded) {
                store.putTwin(
                        upload, crop.jpeg(), CropFormat.WEBP, encoded.webp().get(crop.spec()));
            }
        }
        // the same content-addressed naming as the crops; only GET /me names it
        String previewUrl = store.putCrop(upload, preview);
        // before the commit: once the profile stops waiting for this upload, a retry would not come back here
        if (!store.keepOriginal(object.bucket(), upload)) {
            return uploadGone(object.bucket(), upload);
        }
        PhotoBlock photo = new PhotoBlock(
                urls,
                twins instanceof WebpEncoder.Twins.Encoded,
                crops.placeholder(),
                crops.colour(),
                crops.sourceWidth(),
                crops.sourceHeight(),
                CropSpec.VERSION,
                upload.uploadId(),
                clock.instant(),
                focalPoint,
                source.window(),
                previewUrl);
        Optional<String> webpFailure =
                twins instanceof WebpEncoder.Twins.Failed failed ? Optional.of(failed.reason()) : Optional.empty();
        return commit(object.bucket(), upload, profile.get(), photo, webpFailure);
    }

    private PhotoOutcome commit(
            String uploadsBucket, UploadKey upload, Profile profile, PhotoBlock photo, Optional<String> webpFailure) {
        Profile current = profile;
        for (int attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
            switch (table.replacePhoto(current, upload.uploadId(), photo.photo())) {
                case Write.Done done -> {
                    // the write was conditioned on the version read, so current's photo is exactly the one replaced
                    return new Processed(
                            upload, photo, webpFailure, retire(uploadsBucket, upload, current.photo(), photo.photo()));
                }
                case Write.Contended contended ->
                    throw new IllegalStateException("another write to profile " + upload.profileId()
                            + " ran at the same moment; the event will be retried");
                case Write.ConditionFailed failed -> {
                    Optional<Profile> reread = table.read(upload.profileId());
                    if (reread.isEmpty() || !reread.get().waitsFor(upload.uploadId())) {
                        return abandon(uploadsBucket, upload, reread);
                    }
                    current = reread.get(); // the profile was edited meanwhile: write its new tag set
                }
            }
        }
        throw new IllegalStateException("profile " + upload.profileId() + " kept changing during " + MAX_COMMIT_ATTEMPTS
                + " attempts to set its photo; the event will be retried");
    }

    private PhotoOutcome reject(UploadKey upload, String reason) {
        return table.rejectPhoto(upload.profileId(), upload.uploadId(), reason) instanceof Write.Done
                ? new Rejected(upload, reason)
                : stale(upload, table.read(upload.profileId()));
    }

    /**
     * The photo {@code replaced} (if any) gave way to {@code current}: its objects go. The new photo is live
     * whatever happens here, and a retry of this event would be stale and could not find the old photo again,
     * so a failure is reported (logged, counted, with the keys) instead of thrown.
     */
    private Retirement retire(String uploadsBucket, UploadKey upload, Photo replaced, Photo current) {
        if (replaced == null) {
            return new Retirement.NothingReplaced();
        }
        try {
            return new Retirement.Retired(store.retire(uploadsBucket, upload.profileId(), replaced, current));
        } catch (SdkException e) {
            return new Retirement.Failed(replaced.objectUrls(), replaced.uploadId(), e.getMessage());
        }
    }

    /**
     * The upload vanished while it was cropped: most likely its member left ({@code DELETE /me} deletes their
     * uploads), so the profile is gone and so goes what this upload wrote; otherwise the member is asked to
     * upload again.
     */
    private PhotoOutcome uploadGone(String uploadsBucket, UploadKey upload) {
        Optional<Profile> now = table.read(upload.profileId());
        if (now.isEmpty() || !now.get().waitsFor(upload.uploadId())) {
            return abandon(uploadsBucket, upload, now);
        }
        store.discard(uploadsBucket, upload);
        return reject(upload, UPLOAD_GONE);
    }

    /**
     * The profile does not wait for this upload (any more): it can never become the photo, so whatever it left
     * in the buckets goes, unless the profile's photo is this very upload (a duplicate event after success).
     * Upload ids are never reused for another file, and the crops' keys name their upload, so nothing else
     * can be touched.
     */
    private Stale abandon(String uploadsBucket, UploadKey upload, Optional<Profile> profile) {
        Stale stale = stale(upload, profile);
        boolean live = profile.map(Profile::photo)
                .map(Photo::uploadId)
                .filter(upload.uploadId()::equals)
                .isPresent();
        return live ? stale : stale.discarded(store.discard(uploadsBucket, upload));
    }

    private static Stale stale(UploadKey upload, Optional<Profile> profile) {
        return new Stale(
                upload,
                profile.isEmpty()
                        ? "the profile does not exist"
                        : Optional.ofNullable(profile.get().pendingUploadId())
                                .map(p -> "the profile now waits for upload " + p)
                                .orElse("the profile waits for no upload"));
    }
}
