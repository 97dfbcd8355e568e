using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Rlx.Optim.Samples.Spiral;

namespace Rlx.Optim.Tests.Samples;

/// <summary>
/// The spiral sample's plot writer (<c>samples/Rlx.Optim.Samples.Spiral/LossPlot.cs</c>, compiled in): what README's
/// picture is made of. The sample's own <c>--plot</c> run is CI's.
/// </summary>
public sealed class LossPlotTests
{
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Each_series_is_one_line_of_its_own_colour_named_in_the_legend()
    {
        PlotSeries[] series = [Decay("first", 0.01), Decay("second", 0.03), Decay("third", 0.1)];

        XElement root = Parse(LossPlot.ToSvg("A title", "epoch", "loss", series, subtitle: "A subtitle"));

        Assert.Equal(s_svg + "svg", root.Name);
        Assert.Equal(LossPlot.Width.ToString(CultureInfo.InvariantCulture), (string?)root.Attribute("width"));
        Assert.Equal(LossPlot.Height.ToString(CultureInfo.InvariantCulture), (string?)root.Attribute("height"));

        // Axes, ticks, grid lines and the legend's swatches are lines of two points; a curve has more.
        List<XElement> curves = Elements(root, "polyline").Where(line => Points(line).Length > 2).ToList();
        Assert.Equal(series.Length, curves.Count);
        Assert.Equal(series.Length, curves.Select(Stroke).Distinct().Count());
        foreach (XElement curve in curves)
        {
            double[] xs = Points(curve).Select(point => point.X).ToArray();
            Assert.True(xs.Zip(xs.Skip(1)).All(pair => pair.First < pair.Second), "a curve runs left to right once");
        }

        // The series' names, each once, in the legend, beside a swatch of its curve's colour.
        List<string> texts = Elements(root, "text").Select(text => text.Value).ToList();
        foreach (string name in series.Select(s => s.Name).Concat(["A title", "A subtitle", "epoch", "loss"]))
        {
            Assert.Single(texts, text => text == name);
        }

        List<string> swatches = Elements(root, "polyline").Where(line => Points(line).Length == 2).Select(Stroke).ToList();
        Assert.All(curves, curve => Assert.Contains(Stroke(curve), swatches));
    }

    [Fact]
    public void The_legend_box_holds_its_names_at_their_real_width()
    {
        // Helvetica's m is 833/1000 of the font size wide (Arial's too). The exporter's default measurer answers in
        // PDF points (three quarters of SVG's pixels): its box would end about a quarter of the name short.
        string name = new('m', 10);
        XElement root = Parse(LossPlot.ToSvg("title", "x", "y", [Decay(name, 0.05)]));

        XElement label = Elements(root, "text").Single(text => text.Value == name);
        Assert.Equal("start", (string?)label.Attribute("text-anchor"));
        (double x, double y) = Translation(label);
        double width = name.Length * 0.833 * double.Parse((string)label.Attribute("font-size")!, CultureInfo.InvariantCulture);

        // The legend's box: the smallest rectangle around the label's start.
        XElement box = Elements(root, "rect")
            .Where(rect => Number(rect, "x") < x && x < Number(rect, "x") + Number(rect, "width"))
            .Where(rect => Number(rect, "y") < y && y < Number(rect, "y") + Number(rect, "height"))
            .MinBy(rect => Number(rect, "width") * Number(rect, "height"))!;
        Assert.True(
            x + width <= Number(box, "x") + Number(box, "width"),
            $"the name ends at {x + width}, its box at {Number(box, "x") + Number(box, "width")}");
    }

    [Fact]
    public void The_same_series_give_the_same_text_whatever_the_culture()
    {
        PlotSeries[] series = [Decay("first", 0.01), Decay("second", 0.03)];
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            string invariant = LossPlot.ToSvg("title", "x", "y", series);
            Assert.Equal(invariant, LossPlot.ToSvg("title", "x", "y", series));

            // A decimal comma: the tick labels would read 0,1 if the plot followed the current culture.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            string german = LossPlot.ToSvg("title", "x", "y", series);
            Assert.Equal(invariant, german);
            Assert.DoesNotContain('\r', german);
            Assert.Contains(Elements(Parse(german), "text"), text => text.Value == "0.1");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Points_the_axes_cannot_show_are_refused()
    {
        PlotSeries Of(double y) => new("bad", [(1, 1.0), (2, y)]);

        Assert.Throws<ArgumentException>(() => LossPlot.ToSvg("title", "x", "y", []));
        Assert.Throws<ArgumentException>(() => LossPlot.ToSvg("title", "x", "y", [new PlotSeries("empty", [])]));
        Assert.Throws<ArgumentException>(() => LossPlot.ToSvg("title", "x", "y", [Of(0)]));
        Assert.Throws<ArgumentException>(() => LossPlot.ToSvg("title", "x", "y", [Of(-1)]));
        Assert.Throws<ArgumentException>(() => LossPlot.ToSvg("title", "x", "y", [Of(double.NaN)], logarithmic: false));

        // On a linear axis zero and negative values are points like any other.
        Assert.Contains("<svg", LossPlot.ToSvg("title", "x", "y", [Of(0), Of(-1) with { Name = "below" }], logarithmic: false));
    }

    [Fact]
    public void Write_makes_the_folder_and_writes_the_document_without_a_byte_order_mark()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"rlx-plot-{Guid.NewGuid():N}");
        string path = Path.Combine(folder, "images", "loss.svg");
        PlotSeries[] series = [Decay("first", 0.01)];
        try
        {
            LossPlot.Write(path, "title", "x", "y", series);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.Equal(LossPlot.ToSvg("title", "x", "y", series), File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static PlotSeries Decay(string name, double rate) =>
        new(name, Enumerable.Range(1, 200).Select(epoch => ((double)epoch, (1.1 * Math.Exp(-rate * epoch)) + 0.01)).ToArray());

    // The exporter writes a DOCTYPE; it is read past, never fetched.
    private static XElement Parse(string svg)
    {
        using var reader = XmlReader.Create(new StringReader(svg), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader).Root!;
    }

    private static IEnumerable<XElement> Elements(XElement root, string name) => root.Descendants(s_svg + name);

    private static (double X, double Y)[] Points(XElement polyline) =>
        ((string)polyline.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))
            .ToArray();

    private static string Stroke(XElement element) =>
        Regex.Match((string?)element.Attribute("style") ?? "", "stroke:([^;]+)").Groups[1].Value;

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static (double X, double Y) Translation(XElement text)
    {
        Match match = Regex.Match((string)text.Attribute("transform")!, @"translate\(([-0-9.]+),([-0-9.]+)\)");
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
