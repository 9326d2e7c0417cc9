namespace LocalMultimodal.Testing;

/// <summary><c>data:</c> URLs of media bytes, as clients send them inline.</summary>
public static class DataUrls
{
    public static string Of(byte[] bytes, string mediaType) => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    /// <summary>A PNG data URL.</summary>
    public static string Png(byte[] png) => Of(png, "image/png");
}
