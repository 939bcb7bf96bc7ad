package history_test

import "time"

func timeSeconds(s int64) time.Duration { return time.Duration(s) * time.Second }
