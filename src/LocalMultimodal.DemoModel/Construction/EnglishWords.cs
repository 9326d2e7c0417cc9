namespace LocalMultimodal.Models;

/// <summary>The common English words of the tiny vocabulary, in the order their tokens are added.</summary>
internal static class EnglishWords
{
    public static readonly string[] All =
    [
        "the", "be", "to", "of", "and", "a", "in", "that", "have", "i", "it", "for", "not", "on", "with", "he",
        "as", "you", "do", "at", "this", "but", "his", "by", "from", "they", "we", "say", "her", "she", "or", "an",
        "will", "my", "one", "all", "would", "there", "their", "what", "so", "up", "out", "if", "about", "who",
        "get", "which", "go", "me", "when", "make", "can", "like", "time", "no", "just", "him", "know", "take",
        "people", "into", "year", "your", "good", "some", "could", "them", "see", "other", "than", "then", "now",
        "look", "only", "come", "its", "over", "think", "also", "back", "after", "use", "two", "how", "our",
        "work", "first", "well", "way", "even", "new", "want", "because", "any", "these", "give", "day", "most",
        "us", "is", "are", "was", "were", "has", "had", "been", "did", "does", "said", "made", "very", "more",
        "here", "where", "why", "yes", "hello", "world", "please", "thank", "thanks", "sorry", "okay", "sure",
        "image", "picture", "photo", "audio", "sound", "voice", "music", "speech", "video", "text", "word",
        "describe", "answer", "question", "what's", "colour", "color", "shape", "size", "small", "large", "big",
        "little", "long", "short", "high", "low", "left", "right", "top", "bottom", "middle", "center", "light",
        "dark", "bright", "black", "white", "grey", "gray", "red", "green", "blue", "yellow", "orange", "purple",
        "pink", "brown", "cat", "dog", "bird", "fish", "horse", "cow", "tree", "flower", "grass", "sky", "sun",
        "moon", "star", "cloud", "rain", "snow", "wind", "water", "fire", "earth", "stone", "rock", "sand",
        "sea", "river", "lake", "mountain", "hill", "road", "street", "city", "town", "house", "home", "room",
        "door", "window", "wall", "floor", "table", "chair", "bed", "book", "paper", "pen", "car", "bus", "train",
        "boat", "plane", "man", "woman", "child", "boy", "girl", "baby", "friend", "family", "mother", "father",
        "name", "hand", "head", "face", "eye", "ear", "mouth", "nose", "hair", "foot", "body", "heart", "life",
        "thing", "place", "part", "point", "number", "line", "end", "side", "kind", "group", "problem", "fact",
        "food", "bread", "apple", "milk", "tea", "coffee", "cup", "glass", "plate", "box", "ball", "game", "toy",
        "square", "circle", "triangle", "round", "flat", "empty", "full", "open", "closed", "hot", "cold", "warm",
        "cool", "old", "young", "happy", "sad", "loud", "quiet", "silence", "noise", "tone", "beep", "fast",
        "slow", "early", "late", "near", "far", "true", "false", "none", "nothing", "something", "everything",
        "many", "much", "few", "each", "every", "both", "same", "different", "another", "such", "own", "again",
        "never", "always", "often", "sometimes", "still", "already", "today", "tomorrow", "yesterday", "night",
        "morning", "evening", "week", "month", "hour", "minute", "second", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "zero", "hundred", "thousand", "find", "tell", "ask", "show", "try",
        "call", "need", "feel", "become", "leave", "put", "mean", "keep", "let", "begin", "seem", "help", "talk",
        "turn", "start", "hear", "play", "run", "move", "live", "believe", "hold", "bring", "write", "read",
        "sit", "stand", "lose", "pay", "meet", "learn", "change", "lead", "watch", "follow", "stop", "create",
        "speak", "allow", "add", "spend", "grow", "walk", "win", "offer", "remember", "love", "consider",
        "appear", "buy", "wait", "serve", "die", "send", "expect", "build", "stay", "fall", "cut", "reach",
        "kill", "remain", "listen", "sing", "draw", "paint", "count", "contain", "include", "above", "below",
        "under", "between", "through", "during", "before", "without", "around", "inside", "outside", "model",
        "assistant", "user", "system",
    ];
}
