import ArgumentParser
struct Fit: ParsableCommand {}
