// A client of our own made of govmomi's REST clients (vapi/rest, vapi/tags, vapi/library,
// vapi/vcenter), as govc and Terraform's vSphere provider use them, run against a vCenter URL:
// one JSON line per step on stdout, {"step": ..., "ok": ..., "error": ..., "result": ...}.
// A failed step does not stop the run; the steps after it that need its result say so.
// It sends no X-API-Version header, as govmomi never does.
//
//	client -url http://127.0.0.1:PORT -user U -password P
package main

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/vmware/govmomi/vapi/library"
	"github.com/vmware/govmomi/vapi/rest"
	"github.com/vmware/govmomi/vapi/tags"
	"github.com/vmware/govmomi/vapi/vcenter"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

var errSkipped = errors.New("skipped: an earlier step failed")

func step(name string, run func() (interface{}, error)) bool {
	result, err := run()
	line := map[string]interface{}{"step": name, "ok": err == nil}
	if err != nil {
		line["error"] = err.Error()
	} else if result != nil {
		line["result"] = result
	}
	b, _ := json.Marshal(line)
	fmt.Println(string(b))
	return err == nil
}

// needs fails a step whose input an earlier step did not produce.
func needs(ids ...string) error {
	for _, id := range ids {
		if id == "" {
			return errSkipped
		}
	}
	return nil
}

type vmSummary struct {
	VM         string `json:"vm"`
	Name       string `json:"name"`
	PowerState string `json:"power_state"`
}

func main() {
	base := flag.String("url", "", "vCenter URL, e.g. http://127.0.0.1:8080")
	user := flag.String("user", "administrator@vsphere.local", "user name")
	password := flag.String("password", "", "password")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || *base == "" {
		fmt.Fprintln(os.Stderr, "usage: client -url URL -user U -password P")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// No SOAP endpoint is needed: the REST client only borrows the SOAP client's HTTP transport.
	c := rest.NewClient(&vim25.Client{Client: soap.NewClient(u, true)})
	tm := tags.NewManager(c)
	lm := library.NewManager(c)
	om := vcenter.NewManager(c)
	get := func(path string, out interface{}) error { return c.Do(ctx, c.Resource(path).Request(http.MethodGet), out) }
	post := func(path, action string) error {
		r := c.Resource(path)
		if action != "" {
			r = r.WithParam("action", action)
		}
		return c.Do(ctx, r.Request(http.MethodPost), nil)
	}

	step("session.login", func() (interface{}, error) { return nil, c.Login(ctx, url.UserPassword(*user, *password)) })
	step("session.get", func() (interface{}, error) {
		s, err := c.Session(ctx)
		if err == nil && s == nil {
			err = errors.New("no session after login")
		}
		if err != nil {
			return nil, err
		}
		return s.User, nil
	})

	var vms []vmSummary
	var vm string
	step("vm.list", func() (interface{}, error) {
		if err := get("/api/vcenter/vm", &vms); err != nil {
			return nil, err
		}
		if len(vms) < 2 {
			return nil, fmt.Errorf("%d VMs listed, want at least 2", len(vms))
		}
		vm = vms[0].VM
		ids := []string{}
		for _, v := range vms {
			ids = append(ids, v.VM)
		}
		return ids, nil
	})
	ref := func(id string) mo.Reference {
		return types.ManagedObjectReference{Type: "VirtualMachine", Value: id}
	}

	var category, tag1, tag2 string
	step("tags.category.create", func() (interface{}, error) {
		category, err = tm.CreateCategory(ctx, &tags.Category{Name: "govmomi-category", Cardinality: "MULTIPLE", AssociableTypes: []string{"VirtualMachine"}})
		return category, err
	})
	step("tags.category.list", func() (interface{}, error) { return tm.ListCategories(ctx) })
	step("tags.category.get", func() (interface{}, error) {
		if err := needs(category); err != nil {
			return nil, err
		}
		cat, err := tm.GetCategory(ctx, category)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": cat.ID, "name": cat.Name, "cardinality": cat.Cardinality}, nil
	})
	step("tags.tag.create", func() (interface{}, error) {
		if err := needs(category); err != nil {
			return nil, err
		}
		if tag1, err = tm.CreateTag(ctx, &tags.Tag{Name: "govmomi-tag-1", CategoryID: category}); err != nil {
			return nil, err
		}
		tag2, err = tm.CreateTag(ctx, &tags.Tag{Name: "govmomi-tag-2", CategoryID: category})
		return []string{tag1, tag2}, err
	})
	step("tags.tag.list", func() (interface{}, error) { return tm.ListTags(ctx) })
	step("tags.tag.list_for_category", func() (interface{}, error) { return tm.ListTagsForCategory(ctx, category) })
	step("tags.tag.get", func() (interface{}, error) {
		if err := needs(tag1); err != nil {
			return nil, err
		}
		t, err := tm.GetTag(ctx, tag1)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": t.ID, "name": t.Name, "category_id": t.CategoryID}, nil
	})
	attached := func() (interface{}, error) {
		if err := needs(vm); err != nil {
			return nil, err
		}
		return tm.ListAttachedTags(ctx, ref(vm))
	}
	step("tags.attach", func() (interface{}, error) {
		if err := needs(tag1, vm); err != nil {
			return nil, err
		}
		return nil, tm.AttachTag(ctx, tag1, ref(vm))
	})
	step("tags.list_attached_tags", attached)
	step("tags.list_attached_objects", func() (interface{}, error) {
		if err := needs(tag1); err != nil {
			return nil, err
		}
		objs, err := tm.ListAttachedObjects(ctx, tag1)
		ids := []string{}
		for _, o := range objs {
			ids = append(ids, o.Reference().Value)
		}
		return ids, err
	})
	step("tags.detach", func() (interface{}, error) {
		if err := needs(tag1, vm); err != nil {
			return nil, err
		}
		return nil, tm.DetachTag(ctx, tag1, ref(vm))
	})
	step("tags.list_attached_tags.after_detach", attached)

	var datastore, lib, item string
	step("datastore.list", func() (interface{}, error) {
		var ds []struct {
			Datastore string `json:"datastore"`
		}
		if err := get("/api/vcenter/datastore", &ds); err != nil {
			return nil, err
		}
		if len(ds) == 0 {
			return nil, errors.New("no datastore")
		}
		datastore = ds[0].Datastore
		return datastore, nil
	})
	step("library.create", func() (interface{}, error) {
		if err := needs(datastore); err != nil {
			return nil, err
		}
		lib, err = lm.CreateLibrary(ctx, library.Library{Name: "govmomi-library", Type: "LOCAL", Storage: []library.StorageBackings{{DatastoreID: datastore, Type: "DATASTORE"}}})
		return lib, err
	})
	step("library.list", func() (interface{}, error) { return lm.ListLibraries(ctx) })
	step("library.get", func() (interface{}, error) {
		if err := needs(lib); err != nil {
			return nil, err
		}
		l, err := lm.GetLibraryByID(ctx, lib)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": l.ID, "name": l.Name, "type": l.Type}, nil
	})
	step("library.item.create", func() (interface{}, error) {
		if err := needs(lib); err != nil {
			return nil, err
		}
		item, err = lm.CreateLibraryItem(ctx, library.Item{Name: "govmomi-item", Type: "ovf", LibraryID: lib})
		return item, err
	})
	step("library.item.get", func() (interface{}, error) {
		if err := needs(item); err != nil {
			return nil, err
		}
		i, err := lm.GetLibraryItem(ctx, item)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": i.ID, "name": i.Name, "library_id": i.LibraryID, "type": i.Type}, nil
	})

	// What govc library.import does: an update session, a PUSH file, a PUT to the address it hands out, complete.
	ovf := []byte(`<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><VirtualSystem ovf:id="govmomi"/></Envelope>`)
	sum := sha1.Sum(ovf)
	step("library.upload", func() (interface{}, error) {
		if err := needs(item); err != nil {
			return nil, err
		}
		session, err := lm.CreateLibraryItemUpdateSession(ctx, library.Session{LibraryItemID: item})
		if err != nil {
			return nil, fmt.Errorf("create session: %w", err)
		}
		file, err := lm.AddLibraryItemFile(ctx, session, library.UpdateFile{Name: "govmomi.ovf", SourceType: "PUSH", Size: int64(len(ovf))})
		if err != nil {
			return nil, fmt.Errorf("add file: %w", err)
		}
		if file.UploadEndpoint == nil {
			return nil, errors.New("add file: no upload endpoint")
		}
		target, err := url.Parse(file.UploadEndpoint.URI)
		if err != nil {
			return nil, err
		}
		p := soap.DefaultUpload
		p.ContentLength = int64(len(ovf))
		if err := c.Upload(ctx, bytes.NewReader(ovf), target, &p); err != nil {
			return nil, fmt.Errorf("upload to %s: %w", target.Host, err)
		}
		if err := lm.CompleteLibraryItemUpdateSession(ctx, session); err != nil {
			return nil, fmt.Errorf("complete: %w", err)
		}
		if err := lm.WaitOnLibraryItemUpdateSession(ctx, session, 50*time.Millisecond, nil); err != nil {
			return nil, fmt.Errorf("wait: %w", err)
		}
		return map[string]interface{}{"same_host": target.Host == u.Host}, nil
	})
	step("library.item.files", func() (interface{}, error) {
		if err := needs(item); err != nil {
			return nil, err
		}
		files, err := lm.ListLibraryItemFiles(ctx, item)
		out := []map[string]interface{}{}
		for _, f := range files {
			e := map[string]interface{}{"name": f.Name}
			if f.Size != nil {
				e["size"] = *f.Size
			}
			if f.Checksum != nil {
				e["checksum"] = f.Checksum.Checksum
				e["matches"] = f.Checksum.Checksum == hex.EncodeToString(sum[:])
			}
			out = append(out, e)
		}
		return out, err
	})

	var pool, deployed string
	step("resource_pool.list", func() (interface{}, error) {
		var rp []struct {
			ResourcePool string `json:"resource_pool"`
		}
		if err := get("/api/vcenter/resource-pool", &rp); err != nil {
			return nil, err
		}
		if len(rp) == 0 {
			return nil, errors.New("no resource pool")
		}
		pool = rp[0].ResourcePool
		return pool, nil
	})
	step("ovf.deploy", func() (interface{}, error) {
		if err := needs(item, pool); err != nil {
			return nil, err
		}
		r, err := om.DeployLibraryItem(ctx, item, vcenter.Deploy{
			DeploymentSpec: vcenter.DeploymentSpec{Name: "govmomi-deployed", AcceptAllEULA: true},
			Target:         vcenter.Target{ResourcePoolID: pool},
		})
		if err != nil {
			return nil, err
		}
		deployed = r.Value
		return map[string]interface{}{"type": r.Type, "id": r.Value}, nil
	})

	vmGet := func(id string) (interface{}, error) {
		if err := needs(id); err != nil {
			return nil, err
		}
		var info struct {
			Name       string `json:"name"`
			PowerState string `json:"power_state"`
		}
		err := get("/api/vcenter/vm/"+id, &info)
		return map[string]interface{}{"name": info.Name, "power_state": info.PowerState}, err
	}
	step("vm.get", func() (interface{}, error) { return vmGet(vm) })
	step("vm.get.deployed", func() (interface{}, error) { return vmGet(deployed) })
	power := func(action string) func() (interface{}, error) {
		return func() (interface{}, error) {
			if err := needs(deployed); err != nil {
				return nil, err
			}
			if err := post("/api/vcenter/vm/"+deployed+"/power", action); err != nil {
				return nil, err
			}
			return vmGet(deployed)
		}
	}
	step("vm.power.start", power("start"))
	step("vm.power.stop", power("stop"))

	step("session.logout", func() (interface{}, error) { return nil, c.Logout(ctx) })
	step("session.get.after_logout", func() (interface{}, error) {
		s, err := c.Session(ctx)
		if err != nil {
			return nil, err
		}
		return s != nil, nil
	})
}
