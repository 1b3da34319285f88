import Common
import Studies
/// A drawing surface that collects SVG shapes and renders a standalone SVG document.
///
/// Coordinates are pixels from the top left of a `width` × `height` view box; every number is printed by
/// `NumberText.coordinate`, and every text is escaped by `Markup`, so the same drawing gives the same bytes.
public struct SVGChart: Sendable {
    public let width: Double
    public let height: Double
    /// The shapes, in drawing order (later ones on top).
    public private(set) var shapes: [Markup] = []

    /// Fonts tried in order: CJK fonts that also carry Latin glyphs (Linux/Google, Adobe, Windows, macOS), then any sans-serif.
    public static let fontFamily = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", sans-serif"

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func c(_ v: Double) -> String { NumberText.coordinate(v) }

    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ")
    }

    public mutating func add(_ shape: Markup) { shapes.append(shape) }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
                              opacity: Double? = nil) {
        shapes.append(.node("rect", [("x", Self.c(x)), ("y", Self.c(y)), ("width", Self.c(width)), ("height", Self.c(height)),
                                     ("fill", fill), ("fill-opacity", opacity.map { NumberText.fixed($0, decimals: 2) }),
                                     ("stroke", stroke)]))
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                              dash: String? = nil) {
        shapes.append(.node("line", [("x1", Self.c(x1)), ("y1", Self.c(y1)), ("x2", Self.c(x2)), ("y2", Self.c(y2)),
                                     ("stroke", stroke), ("stroke-width", Self.c(width)), ("stroke-dasharray", dash)]))
    }

    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        guard points.count > 1 else { return }
        shapes.append(.node("polyline", [("points", Self.points(points)), ("fill", "none"), ("stroke", stroke),
                                         ("stroke-width", Self.c(width)), ("stroke-linejoin", "round"), ("stroke-dasharray", dash)]))
    }

    /// A filled area between two lines given left to right: `upper` forwards, then `lower` backwards.
    public mutating func band(upper: [(x: Double, y: Double)], lower: [(x: Double, y: Double)], fill: String, opacity: Double) {
        guard upper.count > 1, upper.count == lower.count else { return }
        shapes.append(.node("polygon", [("points", Self.points(upper + lower.reversed())), ("fill", fill),
                                        ("fill-opacity", NumberText.fixed(opacity, decimals: 2)), ("stroke", "none")]))
    }

    public mutating func circle(x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil) {
        shapes.append(.node("circle", [("cx", Self.c(x)), ("cy", Self.c(y)), ("r", Self.c(radius)), ("fill", fill), ("stroke", stroke)]))
    }

    /// A diamond centred on a point (the target marker).
    public mutating func diamond(x: Double, y: Double, radius: Double, fill: String, stroke: String) {
        let p = [(x: x, y: y - radius), (x: x + radius, y: y), (x: x, y: y + radius), (x: x - radius, y: y)]
        shapes.append(.node("polygon", [("points", Self.points(p)), ("fill", fill), ("stroke", stroke), ("stroke-width", "1.5")]))
    }

    /// Text at a point; `anchor` is `start`, `middle` or `end`; `rotate` turns it about the point; `halo` outlines
    /// it in white so it stays readable over lines and bands.
    public mutating func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                              weight: String? = nil, fill: String = "#222", rotate: Double? = nil, halo: Bool = false) {
        shapes.append(.node("text", [("x", Self.c(x)), ("y", Self.c(y)), ("font-size", Self.c(size)),
                                     ("text-anchor", anchor == "start" ? nil : anchor), ("font-weight", weight), ("fill", fill),
                                     ("transform", rotate.map { "rotate(\(Self.c($0)) \(Self.c(x)) \(Self.c(y)))" }),
                                     ("stroke", halo ? "#ffffff" : nil), ("stroke-width", halo ? "4" : nil),
                                     ("stroke-linejoin", halo ? "round" : nil), ("paint-order", halo ? "stroke" : nil)],
                            text: content))
    }

    /// The SVG document: a white background (for printing and dark viewers), an accessible title and
    /// description, then the shapes.
    public func document(title: String, description: String) -> Markup {
        .node("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Self.c(width)) \(Self.c(height))"),
                      ("width", Self.c(width)), ("height", Self.c(height)), ("font-family", Self.fontFamily),
                      ("role", "img")],
              [.node("title", text: title), .node("desc", text: description),
               .node("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])] + shapes)
    }

    /// The standalone file: an XML declaration and the document, ending with a line feed.
    public func fileText(title: String, description: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document(title: title, description: description).rendered() + "\n"
    }
}

/// A figure drawn on an `SVGChart`: its drawing, title and description, written as a file or inlined in the report.
public protocol SVGFigure {
    /// The drawing, its title and its description.
    func draw() -> (SVGChart, String, String)
}

extension SVGFigure {
    /// The figure as a standalone SVG file.
    public func svg() -> String {
        let (canvas, title, description) = draw()
        return canvas.fileText(title: title, description: description)
    }

    /// The figure as an `<svg>` element, for inlining in the HTML report.
    public func markup() -> Markup {
        let (canvas, title, description) = draw()
        return canvas.document(title: title, description: description)
    }
}
