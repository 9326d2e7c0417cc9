using LocalMultimodal.Errors;
using LocalMultimodal.Media;

namespace LocalMultimodal.Tests.Media.Tensors;

internal static class TensorAssert
{
    /// <summary>Asserts the decoder refused with code invalid_embeddings and a message containing <paramref name="fragment"/>.</summary>
    public static InvalidRequestException Refused(Action decode, string fragment)
    {
        var ex = Assert.Throws<InvalidRequestException>(decode);
        Assert.Equal("invalid_embeddings", ex.Code);
        Assert.Contains(fragment, ex.Message, StringComparison.OrdinalIgnoreCase);
        return ex;
    }

    public static void Equal(long[] shape, float[] values, EmbeddingTensor tensor)
    {
        Assert.Equal(shape, tensor.Shape);
        Assert.Equal(values, tensor.Values.ToArray());
    }
}
