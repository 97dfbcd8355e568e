using System;
using System.Text.Json;

namespace Rlx.Optim;

/// <summary>
/// Strings out of the header's JSON. A JSON escape may encode a lone UTF-16 surrogate, which is well-formed JSON
/// but no string: System.Text.Json throws <see cref="InvalidOperationException"/> for it, refused here by name.
/// </summary>
internal static class JsonText
{
    public static string Name(JsonProperty property, CheckpointSource source)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException error)
        {
            throw source.Refuse($"the header has a name that is not valid text ({error.Message}).", error);
        }
    }

    public static string String(JsonElement element, CheckpointSource source)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException error)
        {
            throw source.Refuse($"the header has a string that is not valid text ({error.Message}).", error);
        }
    }
}
