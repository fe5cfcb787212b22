// Finds a reference sound (a WAV) in recordings, by normalised cross-correlation: one line per recording,
// "FILE CORRELATION AT_SECONDS". Used by the headless demo (which rooms heard the floor) and the floor bench.
//   bench_sound_find REFERENCE.wav RECORDING.wav...
#include "support/sound.hpp"

#include <cstdio>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s REFERENCE.wav RECORDING.wav...\n", argv[0]);
        return 2;
    }
    const auto reference = estrade::testing::read_s16(argv[1]);
    for (int i = 2; i < argc; ++i) {
        const auto match = estrade::testing::find_sound(reference, estrade::testing::read_s16(argv[i]));
        std::printf("%s %.3f %.2f\n", argv[i], match.correlation, match.at_s);
    }
    return 0;
}
