using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Rlx.Optim.Samples.Spiral;

/// <summary>One named curve for <see cref="LossPlot"/>: its (x, y) points in the order they are joined.</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>
/// Draws named curves on one chart and writes it as SVG, with OxyPlot (the OxyPlot.Core package: managed code only;
/// text is measured with the Helvetica metrics built into its PDF renderer, so it needs no font, no native library and
/// no display). It knows nothing of training: a set of curves (every optimizer, a run with and without some setting) is
/// a list of series.
/// </summary>
public static class LossPlot
{
    public const double Width = 800;
    public const double Height = 500;

    // Arial has Helvetica's metrics, which OxyPlot measures the text with; a viewer with neither takes its sans-serif.
    private const string Font = "Arial, Helvetica, sans-serif";

    // Okabe and Ito's colour-blind-safe palette, without its yellow (faint on white). Past these the colours repeat,
    // dashed.
    private static readonly OxyColor[] s_palette =
    [
        OxyColor.FromRgb(0x00, 0x00, 0x00), OxyColor.FromRgb(0xE6, 0x9F, 0x00), OxyColor.FromRgb(0x56, 0xB4, 0xE9),
        OxyColor.FromRgb(0x00, 0x9E, 0x73), OxyColor.FromRgb(0x00, 0x72, 0xB2), OxyColor.FromRgb(0xD5, 0x5E, 0x00),
        OxyColor.FromRgb(0xCC, 0x79, 0xA7),
    ];

    /// <summary>Writes <see cref="ToSvg"/>'s document to <paramref name="path"/> (UTF-8), making its folder.</summary>
    public static void Write(
        string path, string title, string xTitle, string yTitle, IReadOnlyList<PlotSeries> series,
        string? subtitle = null, bool logarithmic = true)
    {
        string svg = ToSvg(title, xTitle, yTitle, series, subtitle, logarithmic);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, svg);
    }

    /// <summary>
    /// The chart as an SVG document: one line per series, in order, each in a colour of its own (after seven, the
    /// colours repeat dashed), a legend of their names, the titles, and a white background (a transparent one is
    /// unreadable on a dark page). The same arguments give the same text, whatever the culture and operating system.
    /// </summary>
    /// <param name="logarithmic">A logarithmic y axis, as a loss reads best; every y must then be positive.</param>
    /// <exception cref="ArgumentException">No series, a series without points, or a point the axes can't show.
    /// </exception>
    public static string ToSvg(
        string title, string xTitle, string yTitle, IReadOnlyList<PlotSeries> series,
        string? subtitle = null, bool logarithmic = true)
    {
        Validate(series, logarithmic);
        var model = new PlotModel
        {
            Title = title,
            Subtitle = subtitle,
            DefaultFont = Font,
            Background = OxyColors.White,
            Culture = CultureInfo.InvariantCulture, // tick labels: 0.1, not 0,1
        };
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Title = xTitle,
            MajorGridlineStyle = LineStyle.Dot,
            MinimumPadding = 0,
            MaximumPadding = 0,
        });
        model.Axes.Add(logarithmic
            ? new LogarithmicAxis { Position = AxisPosition.Left, Title = yTitle, MajorGridlineStyle = LineStyle.Dot }
            : new LinearAxis { Position = AxisPosition.Left, Title = yTitle, MajorGridlineStyle = LineStyle.Dot });
        model.Legends.Add(new Legend
        {
            LegendPosition = LegendPosition.TopRight,
            LegendPlacement = LegendPlacement.Inside,
            LegendBackground = OxyColor.FromAColor(230, OxyColors.White),
            LegendBorder = OxyColors.Gray,
        });

        for (int i = 0; i < series.Count; i++)
        {
            var line = new LineSeries
            {
                Title = series[i].Name,
                Color = s_palette[i % s_palette.Length],
                LineStyle = i / s_palette.Length % 2 == 0 ? LineStyle.Solid : LineStyle.Dash,
                StrokeThickness = 1.5,
            };
            foreach ((double x, double y) in series[i].Points)
            {
                line.Points.Add(new DataPoint(x, y));
            }

            model.Series.Add(line);
        }

        var exporter = new SvgExporter
        {
            Width = Width,
            Height = Height,
            TextMeasurer = new SvgTextMeasurer(),
            // Places text by its baseline, computed here, rather than asking the viewer for dominant-baseline="middle",
            // which some viewers (librsvg, so many image previews) ignore.
            UseVerticalTextAlignmentWorkaround = true,
        };

        // The exporter's line ends are the platform's; one kind keeps the file the same everywhere.
        return exporter.ExportToString(model).ReplaceLineEndings("\n");
    }

    /// <summary>
    /// The exporter's own text measurer (the PDF renderer's, used when none is given) answers in PDF points, 72 to the
    /// inch, while SVG's units and OxyPlot's font sizes are 96 to the inch: every label would be measured at three
    /// quarters of its width and height, and the legend's box and the margins drawn too small for their text. This one
    /// scales its answers to SVG's units.
    /// </summary>
    private sealed class SvgTextMeasurer() : PdfRenderContext(Width, Height, OxyColors.White)
    {
        private const double PointsToPixels = 96.0 / 72.0;

        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
        {
            OxySize size = base.MeasureText(text, fontFamily, fontSize, fontWeight);
            return new OxySize(size.Width * PointsToPixels, size.Height * PointsToPixels);
        }
    }

    private static void Validate(IReadOnlyList<PlotSeries> series, bool logarithmic)
    {
        if (series.Count == 0)
        {
            throw new ArgumentException("There is no series to plot.", nameof(series));
        }

        foreach (PlotSeries one in series)
        {
            if (one.Points.Count == 0)
            {
                throw new ArgumentException($"The series '{one.Name}' has no point.", nameof(series));
            }

            foreach ((double x, double y) in one.Points)
            {
                if (!double.IsFinite(x) || !double.IsFinite(y) || (logarithmic && y <= 0))
                {
                    string axis = logarithmic ? "a logarithmic y axis" : "the axes";
                    string message = $"The series '{one.Name}' has the point ({x}, {y}), which {axis} cannot show.";
                    throw new ArgumentException(message, nameof(series));
                }
            }
        }
    }
}
