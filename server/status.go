package server

// Status is where a report is in the review workflow:
//
//	new ──▶ confirmed ──▶ actioned (removed | referred_to_police)
//	  └───▶ dismissed
//
// Dismissed and actioned are final: a reviewer who dismissed by mistake asks the
// moderator to report again.
type Status string

const (
	StatusNew       Status = "new"
	StatusConfirmed Status = "confirmed"
	StatusDismissed Status = "dismissed"
	StatusActioned  Status = "actioned"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusNew, StatusConfirmed, StatusDismissed, StatusActioned}

// Action is what was done about an actioned report.
type Action string

const (
	ActionNone     Action = ""
	ActionRemoved  Action = "removed"
	ActionReferred Action = "referred_to_police"
)

var transitions = map[Status][]Status{
	StatusNew:       {StatusConfirmed, StatusDismissed},
	StatusConfirmed: {StatusActioned},
}

// CanTransition reports whether a report may move from one status to another.
func CanTransition(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// CheckTransition returns nil when the move is allowed with that action (actioned
// needs one, the others take none), else an EINVALID or ECONFLICT error saying why.
func CheckTransition(from, to Status, action Action) error {
	switch to {
	case StatusConfirmed, StatusDismissed:
		if action != ActionNone {
			return Errorf(EINVALID, "status %s takes no action", to)
		}
	case StatusActioned:
		if action != ActionRemoved && action != ActionReferred {
			return Errorf(EINVALID, "status actioned needs action removed or referred_to_police")
		}
	default:
		return Errorf(EINVALID, "unknown status %q", to)
	}
	if !CanTransition(from, to) {
		return Errorf(ECONFLICT, "a %s report cannot become %s", from, to)
	}
	return nil
}
