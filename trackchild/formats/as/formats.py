from trackchild.formats.en.formats import *  # noqa: F403
