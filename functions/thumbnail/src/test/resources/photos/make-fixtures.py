# Makes the few test photos Java cannot write itself (ImageIO has no WebP or CMYK JPEG writer).
# Run with Pillow 13: python3 make-fixtures.py  (the outputs are committed; each is under 6 KB)
# Every image is 300x200 in four quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.
from PIL import Image, ImageDraw

def quadrants(mode="RGB", alpha_hole=False):
    img = Image.new("RGBA", (300, 200))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, 149, 99], fill=(255, 0, 0, 255))
    d.rectangle([150, 0, 299, 99], fill=(0, 255, 0, 255))
    d.rectangle([0, 100, 149, 199], fill=(0, 0, 255, 255))
    d.rectangle([150, 100, 299, 199], fill=(255, 255, 0, 255))
    if alpha_hole:
        d.rectangle([125, 75, 174, 124], fill=(0, 0, 0, 0))  # transparent centre, black underneath
    return img if mode == "RGBA" else img.convert(mode)

quadrants().save("quadrants-lossy.webp", "WEBP", quality=80)
quadrants("RGBA", alpha_hole=True).save("quadrants-alpha-lossless.webp", "WEBP", lossless=True)
quadrants("CMYK").save("quadrants-cmyk.jpg", "JPEG", quality=90)  # Adobe APP14, inverted CMYK like Photoshop

# Stored sideways with EXIF orientation 6 (turn 90° clockwise to view): upright, blue is top-left.
exif = Image.Exif()
exif[0x0112] = 6
quadrants().save("quadrants-orientation6.webp", "WEBP", lossless=True, exif=exif.tobytes())
