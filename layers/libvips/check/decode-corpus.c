/*
 * Decodes JPEGs with a libvips shared library the way the thumbnail function does (vips_jpegload_buffer with
 * shrink 1, 2, 4 and 8, fail_on=warning, sequential access, then vips_image_write_to_memory) and prints one line
 * per file and shrink: "<name> shrink=<n> <width>x<height>x<bands> fnv1a64=<hash of the pixels>", or
 * "<name> shrink=<n> refused". Then it encodes the 1/8 decode's RGB pixels as the function encodes its crops
 * (vips_image_new_from_memory, then vips_jpegsave_buffer with Q=86, progressive, 4:2:0, keep=none, and
 * vips_webpsave_buffer with Q=82, effort 4, keep=none) and prints "<name> jpeg|webp bytes=<n> fnv1a64=<hash of
 * the file>", or "<name> jpeg|webp none (<why>)". Built for x64 and for arm64 (run under qemu-user), so the two
 * libraries' outputs can be compared line by line: layers/libvips/check/run.
 *   decode-corpus LIBRARY FILE...
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*init_fn)(const char *);
typedef int (*jpegload_fn)(void *, size_t, void **, ...);
typedef void *(*write_fn)(void *, size_t *);
typedef int (*get_fn)(const void *);
typedef void (*unref_fn)(void *);
typedef void (*free_fn)(void *);
typedef const char *(*error_fn)(void);
typedef void (*clear_fn)(void);
typedef void (*set_int_fn)(int);
typedef void *(*from_memory_fn)(const void *, size_t, int, int, int, int);
typedef int (*save_fn)(void *, void **, size_t *, ...);

static uint64_t fnv1a64(const unsigned char *bytes, size_t size) {
    uint64_t hash = 1469598103934665603ULL;
    for (size_t p = 0; p < size; p++) {
        hash = (hash ^ bytes[p]) * 1099511628211ULL;
    }
    return hash;
}

/* One encoded file's line: its size and hash, or why there is none. */
static void print_encoded(const char *name, const char *format, int status, void *buffer, size_t length,
                          void (*g_free)(void *), void (*error_clear)(void)) {
    if (status != 0 || !buffer) {
        printf("%s %s none (refused)\n", name, format);
        error_clear();
        return;
    }
    printf("%s %s bytes=%zu fnv1a64=%016llx\n", name, format, length,
           (unsigned long long) fnv1a64(buffer, length));
    g_free(buffer);
}

static void *need(void *lib, const char *name) {
    void *symbol = dlsym(lib, name);
    if (!symbol) {
        fprintf(stderr, "decode-corpus: %s is missing from the library\n", name);
        exit(2);
    }
    return symbol;
}

static unsigned char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *bytes = malloc(size > 0 ? (size_t) size : 1);
    *length = fread(bytes, 1, (size_t) size, f);
    fclose(f);
    return bytes;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: decode-corpus LIBRARY FILE...\n");
        return 2;
    }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        fprintf(stderr, "decode-corpus: %s\n", dlerror());
        return 2;
    }
    init_fn vips_init = (init_fn) need(lib, "vips_init");
    jpegload_fn jpegload = (jpegload_fn) need(lib, "vips_jpegload_buffer");
    write_fn write_to_memory = (write_fn) need(lib, "vips_image_write_to_memory");
    get_fn width = (get_fn) need(lib, "vips_image_get_width");
    get_fn height = (get_fn) need(lib, "vips_image_get_height");
    get_fn bands = (get_fn) need(lib, "vips_image_get_bands");
    unref_fn unref = (unref_fn) need(lib, "g_object_unref");
    free_fn g_free = (free_fn) need(lib, "g_free");
    error_fn error_buffer = (error_fn) need(lib, "vips_error_buffer");
    clear_fn error_clear = (clear_fn) need(lib, "vips_error_clear");
    if (vips_init("decode-corpus") != 0) {
        fprintf(stderr, "decode-corpus: vips_init failed: %s\n", error_buffer());
        return 2;
    }
    ((set_int_fn) need(lib, "vips_cache_set_max"))(0);
    ((set_int_fn) need(lib, "vips_concurrency_set"))(1);
    from_memory_fn from_memory = (from_memory_fn) need(lib, "vips_image_new_from_memory");
    save_fn jpegsave = (save_fn) need(lib, "vips_jpegsave_buffer");
    save_fn webpsave = (save_fn) need(lib, "vips_webpsave_buffer");
    const char *version = ((const char *(*)(void)) need(lib, "vips_version_string"))();
    fprintf(stderr, "decode-corpus: libvips %s\n", version);

    int shrinks[] = {1, 2, 4, 8};
    for (int i = 2; i < argc; i++) {
        size_t length;
        unsigned char *jpeg = read_file(argv[i], &length);
        const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        if (!jpeg) {
            fprintf(stderr, "decode-corpus: cannot read %s\n", argv[i]);
            return 2;
        }
        int encoded = 0;
        for (int s = 0; s < 4; s++) {
            void *image = NULL;
            if (jpegload(jpeg, length, &image, "shrink", shrinks[s], "fail_on", 3, "access", 1, "unlimited", 0, NULL) != 0) {
                printf("%s shrink=%d refused\n", name, shrinks[s]);
                error_clear();
                continue;
            }
            size_t size = 0;
            unsigned char *pixels = write_to_memory(image, &size);
            if (!pixels) {
                printf("%s shrink=%d refused\n", name, shrinks[s]);
                error_clear();
                unref(image);
                continue;
            }
            int w = width(image), h = height(image), b = bands(image);
            printf("%s shrink=%d %dx%dx%d fnv1a64=%016llx\n", name, shrinks[s], w, h, b,
                   (unsigned long long) fnv1a64(pixels, size));
            unref(image);
            if (shrinks[s] == 8 && b == 3) {
                void *rgb = from_memory(pixels, size, w, h, 3, 0 /* VIPS_FORMAT_UCHAR */);
                void *buffer = NULL;
                size_t encoded_length = 0;
                int status = jpegsave(rgb, &buffer, &encoded_length, "Q", 86, "interlace", 1, "subsample_mode", 1,
                                      "keep", 0, NULL);
                print_encoded(name, "jpeg", status, buffer, encoded_length, g_free, error_clear);
                buffer = NULL;
                encoded_length = 0;
                status = webpsave(rgb, &buffer, &encoded_length, "Q", 82, "effort", 4, "smart_subsample", 0, "keep", 0,
                                  NULL);
                print_encoded(name, "webp", status, buffer, encoded_length, g_free, error_clear);
                unref(rgb);
                encoded = 1;
            }
            g_free(pixels);
        }
        if (!encoded) {
            printf("%s jpeg none (no RGB decode at 1/8)\n%s webp none (no RGB decode at 1/8)\n", name, name);
        }
        free(jpeg);
    }
    return 0;
}
