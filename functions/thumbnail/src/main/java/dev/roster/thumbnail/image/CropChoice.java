package dev.roster.thumbnail.image;

import dev.roster.core.profile.FocalPoint;
import java.util.Locale;
import java.util.Optional;

/** How the crop window of a photo is chosen: the member's focal point, else the function's crop mode. */
public sealed interface CropChoice {
    /** The centred square, whatever the photo shows. */
    record Centre() implements CropChoice {}

    /** The busiest square ({@link SalientRegion}), upper third preferred for portraits. */
    record Smart() implements CropChoice {}

    /** The square centred on the member's focal point. */
    record Focal(FocalPoint point) implements CropChoice {}

    // no default methods here, so initialising Centre or Smart never initialises this interface (JLS 12.4.1):
    // the deadlock Error Prone warns of cannot happen
    @SuppressWarnings("ClassInitializationDeadlock")
    CropChoice CENTRE = new Centre();

    @SuppressWarnings("ClassInitializationDeadlock")
    CropChoice SMART = new Smart();

    /** {@code CROP_MODE}: {@code smart} or {@code centre} ({@code center} too); anything else is a deployment error. */
    static CropChoice mode(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "smart" -> SMART;
            case "centre", "center" -> CENTRE;
            default -> throw new IllegalArgumentException("CROP_MODE is '" + name + "'; use smart or centre");
        };
    }

    /** The focal point when there is one, else this mode. */
    default CropChoice with(Optional<FocalPoint> point) {
        return point.<CropChoice>map(Focal::new).orElse(this);
    }

    /**
     * The window when geometry alone decides it (a square photo has one window whatever it shows); empty
     * when the pixels must be looked at first.
     */
    default Optional<CropWindow> byGeometry(int width, int height) {
        return switch (this) {
            case Centre c -> Optional.of(CropWindow.centre(width, height));
            case Focal f -> Optional.of(CropWindow.around(f.point(), width, height));
            case Smart s -> width == height ? Optional.of(CropWindow.centre(width, height)) : Optional.empty();
        };
    }
}
