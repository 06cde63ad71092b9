INNER = "namespace package member"
