/// A text in English and Chinese: indicator names, titles, chapters, rationales.
///
/// Pathways' users read both languages, so every label a report shows is stored in both;
/// the study loader reports a missing half as an error rather than falling back silently.
public struct BilingualText: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The English text.
    public var en: String
    /// The Chinese text.
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// `"zh (en)"`, or the one that is present when they coincide.
    public var description: String {
        en == zh ? en : "\(zh) (\(en))"
    }
}
