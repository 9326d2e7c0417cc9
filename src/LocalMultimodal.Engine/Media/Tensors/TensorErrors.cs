using LocalMultimodal.Errors;

namespace LocalMultimodal.Media.Tensors;

/// <summary>Builds the one exception every decoding failure becomes.</summary>
internal static class TensorErrors
{
    public static InvalidRequestException Invalid(string message, Exception? innerException = null) =>
        new(message, MediaErrorCodes.InvalidEmbeddings, innerException);
}
